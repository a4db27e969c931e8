// Rule sets and rule-version lifecycle: the service the CLI and GraphQL call.
export * from './errors.js';
export * from './lifecycle.js';

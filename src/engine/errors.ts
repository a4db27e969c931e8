// Typed failures of runs and of the rule versions they read. Each has a
// stable `code` the GraphQL layer maps to a typed error and the CLI prints
// with the message; messages say what to do next. The lifecycle's own errors
// (src/rules/errors.ts) extend the same RulesError.

export interface DiagnosticLike {
  code: string;
  severity: string;
  message: string;
  hint?: string;
  range?: unknown;
}

export abstract class RulesError extends Error {
  abstract readonly code: string;
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

export class RuleSetNotFoundError extends RulesError {
  readonly code = 'RULE_SET_NOT_FOUND';
  constructor(readonly ruleSetKey: string) {
    super(`no rule set "${ruleSetKey}"; create it first (createRuleSet) or check the key`);
  }
}

export class RuleVersionNotFoundError extends RulesError {
  readonly code = 'RULE_VERSION_NOT_FOUND';
  constructor(readonly ref: string) {
    super(`no rule version ${ref}; list the rule set's versions to find the right one`);
  }
}

export class RulesInvalidError extends RulesError {
  readonly code = 'RULES_INVALID';
  constructor(
    readonly diagnostics: DiagnosticLike[],
    what = 'the rules',
  ) {
    const errors = diagnostics.filter((d) => d.severity === 'error');
    const first = errors[0] ?? diagnostics[0];
    super(
      `${what} do not check clean (${errors.length} error${errors.length === 1 ? '' : 's'})` +
        `${first ? `: ${first.message}` : ''}; run \`attrib check\` on the file and fix every error`,
    );
  }
}

export class NotPublishedError extends RulesError {
  readonly code = 'NOT_PUBLISHED';
  constructor(
    readonly ruleVersionId: string,
    readonly status: string,
  ) {
    super(
      `rule version ${ruleVersionId} is ${status}; only published versions can do this. Publish it first, or use a preview run for drafts`,
    );
  }
}

export class RunFailedError extends RulesError {
  readonly code = 'RUN_FAILED';
  constructor(
    readonly runId: string,
    readonly reason: string,
    cause?: unknown,
  ) {
    super(`run ${runId} failed: ${reason}. Current results are unchanged; fix the cause and run again`);
    if (cause !== undefined) this.cause = cause;
  }
}

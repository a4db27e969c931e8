// Typed errors: expected failures are part of a mutation's result union, each
// with a stable `code` clients can switch on, never a bare string.
import { builder } from './builder.js';
import { BatchTooLargeError, InputValidationError, NotFoundError, type FieldIssue } from '../ingest/index.js';

/** A domain rule refused the change (e.g. publishing a version whose tests fail). */
export class DomainRuleError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly details: unknown = null,
  ) {
    super(message);
    this.name = 'DomainRuleError';
  }
}

/** The caller may not do this to this object (e.g. a partner disputing another partner's credit). */
export class NotAllowedError extends Error {
  readonly code = 'NOT_ALLOWED';
  constructor(message: string) {
    super(message);
    this.name = 'NotAllowedError';
  }
}

const UserErrorInterface = builder.interfaceRef<Error & { code: string }>('UserError').implement({
  description: 'An expected failure: nothing was written. `code` is stable; `message` says what to do next.',
  fields: (t) => ({
    code: t.exposeString('code', {
      description: 'Stable machine-readable reason, e.g. VALIDATION_FAILED, NOT_FOUND, NOT_ALLOWED, BATCH_TOO_LARGE, TESTS_FAILED.',
    }),
    message: t.exposeString('message', { description: 'What went wrong and what to do next, in English, for people.' }),
  }),
});

export const FieldIssueRef = builder.objectRef<FieldIssue>('FieldIssue').implement({
  description: 'One invalid field: its dotted path in the input and what is wrong with it.',
  fields: (t) => ({
    path: t.exposeString('path', { description: 'Dotted path in the input, e.g. "touchpoints.3.occurredAt".' }),
    message: t.exposeString('message', { description: 'What is wrong with the value and what is expected.' }),
  }),
});

builder.objectType(InputValidationError, {
  name: 'ValidationError',
  description: 'The input was refused before anything was written (code VALIDATION_FAILED); `issues` lists every invalid field.',
  interfaces: [UserErrorInterface],
  isTypeOf: (e) => e instanceof InputValidationError,
  fields: (t) => ({
    issues: t.field({ type: [FieldIssueRef], description: 'Every invalid field of the input, in input order.', resolve: (e) => e.issues }),
  }),
});

builder.objectType(NotFoundError, {
  name: 'NotFoundError',
  description: 'A record the input names does not exist, or the caller may not see it (code NOT_FOUND; the same answer either way).',
  interfaces: [UserErrorInterface],
  isTypeOf: (e) => e instanceof NotFoundError,
  fields: (t) => ({
    entity: t.exposeString('entity', { description: 'What kind of record was looked up, e.g. "partner", "opportunity", "rule_version".' }),
    reference: t.exposeString('reference', {
      description: 'The key or id that named it, as given; empty when the service does not report it.',
    }),
  }),
});

builder.objectType(BatchTooLargeError, {
  name: 'BatchTooLargeError',
  description: 'A batch holds more items than one request may send (code BATCH_TOO_LARGE); split it.',
  interfaces: [UserErrorInterface],
  isTypeOf: (e) => e instanceof BatchTooLargeError,
  fields: (t) => ({
    size: t.exposeInt('size', { description: 'Items sent.' }),
    limit: t.exposeInt('limit', { description: 'Most items one batch may hold.' }),
  }),
});

builder.objectType(DomainRuleError, {
  name: 'DomainRuleError',
  description: 'The change breaks a governance rule; `code` names which (e.g. TESTS_FAILED, NOT_A_DRAFT).',
  interfaces: [UserErrorInterface],
  isTypeOf: (e) => e instanceof DomainRuleError,
  fields: (t) => ({
    details: t.field({
      type: 'JSON',
      nullable: true,
      description: 'Machine-readable context of the refusal (e.g. the failing tests or diagnostics); null when there is none.',
      resolve: (e) => e.details,
    }),
  }),
});

builder.objectType(NotAllowedError, {
  name: 'NotAllowedError',
  description: 'The caller may not make this change to this record (code NOT_ALLOWED), e.g. a partner key acting for another partner.',
  interfaces: [UserErrorInterface],
  isTypeOf: (e) => e instanceof NotAllowedError,
  fields: () => ({}),
});

/** The error types every mutation can return. */
export const COMMON_ERRORS = [InputValidationError, NotFoundError, NotAllowedError] as const;

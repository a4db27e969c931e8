// Typed errors: expected failures are part of a mutation's result union, each
// with a stable `code` clients can switch on, never a bare string.
import { builder } from './builder.js';
import { BatchTooLargeError, InputValidationError, NotFoundError, type FieldIssue } from '../ingest/issues.js';

/** A domain rule refused the change (e.g. publishing a version whose tests fail). */
export class DomainRuleError extends Error {
  constructor(readonly code: string, message: string, readonly details: unknown = null) {
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

export const UserErrorInterface = builder.interfaceRef<Error & { code: string }>('UserError').implement({
  description: 'An expected failure: nothing was written. `code` is stable; `message` says what to do next.',
  fields: (t) => ({
    code: t.exposeString('code'),
    message: t.exposeString('message'),
  }),
});

export const FieldIssueRef = builder.objectRef<FieldIssue>('FieldIssue').implement({
  description: 'One invalid field: its dotted path in the input and what is wrong with it.',
  fields: (t) => ({
    path: t.exposeString('path', { description: 'Dotted path in the input, e.g. "touchpoints.3.occurredAt".' }),
    message: t.exposeString('message'),
  }),
});

builder.objectType(InputValidationError, {
  name: 'ValidationError',
  interfaces: [UserErrorInterface],
  isTypeOf: (e) => e instanceof InputValidationError,
  fields: (t) => ({
    issues: t.field({ type: [FieldIssueRef], resolve: (e) => e.issues }),
  }),
});

builder.objectType(NotFoundError, {
  name: 'NotFoundError',
  interfaces: [UserErrorInterface],
  isTypeOf: (e) => e instanceof NotFoundError,
  fields: (t) => ({
    entity: t.exposeString('entity'),
    reference: t.exposeString('reference'),
  }),
});

builder.objectType(BatchTooLargeError, {
  name: 'BatchTooLargeError',
  interfaces: [UserErrorInterface],
  isTypeOf: (e) => e instanceof BatchTooLargeError,
  fields: (t) => ({
    size: t.exposeInt('size'),
    limit: t.exposeInt('limit'),
  }),
});

builder.objectType(DomainRuleError, {
  name: 'DomainRuleError',
  description: 'The change breaks a governance rule; `code` names which (e.g. TESTS_FAILED, NOT_A_DRAFT).',
  interfaces: [UserErrorInterface],
  isTypeOf: (e) => e instanceof DomainRuleError,
  fields: (t) => ({
    details: t.field({ type: 'JSON', nullable: true, resolve: (e) => e.details }),
  }),
});

builder.objectType(NotAllowedError, {
  name: 'NotAllowedError',
  interfaces: [UserErrorInterface],
  isTypeOf: (e) => e instanceof NotAllowedError,
  fields: () => ({}),
});

/** The error types every mutation can return. */
export const COMMON_ERRORS = [InputValidationError, NotFoundError, NotAllowedError] as const;

// Typed failures of the rule-version lifecycle. Each has a stable `code` the
// GraphQL layer maps to a typed error and the CLI prints with the message;
// messages say what to do next. The errors of runs and of the versions they
// read live in src/engine/errors.ts and are exported here too.

import { RulesError } from '../engine/errors.js';

export {
  RulesError,
  RuleSetNotFoundError,
  RuleVersionNotFoundError,
  RulesInvalidError,
  NotPublishedError,
  RunFailedError,
  type DiagnosticLike,
} from '../engine/errors.js';

export class RuleSetExistsError extends RulesError {
  readonly code = 'RULE_SET_EXISTS';
  constructor(readonly ruleSetKey: string) {
    super(`rule set "${ruleSetKey}" already exists; save a draft into it instead`);
  }
}

export interface FailedTest {
  name: string;
  message?: string;
}

export class TestsFailedError extends RulesError {
  readonly code = 'TESTS_FAILED';
  constructor(
    readonly failures: FailedTest[],
    readonly results: unknown,
  ) {
    super(
      `${failures.length} in-file test${failures.length === 1 ? '' : 's'} failed` +
        `${failures[0] ? ` (first: ${failures[0].name}${failures[0].message ? ` — ${failures[0].message}` : ''})` : ''}` +
        '; run `attrib test` on the file and fix the rules or the expectations before publishing',
    );
  }
}

export class NoTestsError extends RulesError {
  readonly code = 'TESTS_MISSING';
  constructor() {
    super("the rules have no in-file tests; add at least one `test` block so the version's behaviour is pinned before publishing");
  }
}

export class EffectiveWindowOverlapError extends RulesError {
  readonly code = 'EFFECTIVE_WINDOW_OVERLAP';
  constructor(
    readonly ruleSetKey: string,
    readonly window: { effectiveFrom: string | null; effectiveTo: string | null },
    readonly conflicting: { ruleVersionId: string; version: number | null; effectiveFrom: string | null; effectiveTo: string | null },
  ) {
    super(
      `effective window ${fmtWindow(window)} overlaps version ${conflicting.version} of rule set "${ruleSetKey}" ` +
        `(${fmtWindow(conflicting)}); change the header's effective dates, or retire version ${conflicting.version} first`,
    );
  }
}

export class RuleSetMismatchError extends RulesError {
  readonly code = 'RULE_SET_MISMATCH';
  constructor(
    readonly headerRuleSet: string,
    readonly ruleSetKey: string,
  ) {
    super(
      `the rules' header names rule set "${headerRuleSet}" but they are being saved into "${ruleSetKey}"; fix the header or pick the other rule set`,
    );
  }
}

export class NotADraftError extends RulesError {
  readonly code = 'NOT_A_DRAFT';
  constructor(
    readonly ruleVersionId: string,
    readonly status: string,
    readonly version: number | null,
  ) {
    super(
      `rule version ${version ?? ruleVersionId} is ${status}, not a draft: published versions are immutable. ` +
        'Save a new draft with the changes and publish it (rollback = publish the old content again)',
    );
  }
}

export class NoPublishedVersionError extends RulesError {
  readonly code = 'NO_PUBLISHED_VERSION';
  constructor(readonly ruleSetKey: string) {
    super(`rule set "${ruleSetKey}" has no published version; publish one (attrib run FILE publishes a clean, tested file)`);
  }
}

function fmtWindow(w: { effectiveFrom: string | null; effectiveTo: string | null }): string {
  return `${w.effectiveFrom ?? '−∞'} … ${w.effectiveTo ?? '∞'}`;
}

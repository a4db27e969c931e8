// Typed failures of the rule-version lifecycle and of runs. Each has a stable
// `code` the GraphQL layer maps to a typed error and the CLI prints with the
// message; messages say what to do next.

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

export class RuleSetExistsError extends RulesError {
  readonly code = 'RULE_SET_EXISTS';
  constructor(readonly ruleSetKey: string) {
    super(`rule set "${ruleSetKey}" already exists; save a draft into it instead`);
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
  constructor(readonly diagnostics: DiagnosticLike[], what = 'the rules') {
    const errors = diagnostics.filter((d) => d.severity === 'error');
    const first = errors[0] ?? diagnostics[0];
    super(`${what} do not check clean (${errors.length} error${errors.length === 1 ? '' : 's'})`
      + `${first ? `: ${first.message}` : ''}; run \`attrib check\` on the file and fix every error`);
  }
}

export interface FailedTest { name: string; message?: string }

export class TestsFailedError extends RulesError {
  readonly code = 'TESTS_FAILED';
  constructor(readonly failures: FailedTest[], readonly results: unknown) {
    super(`${failures.length} in-file test${failures.length === 1 ? '' : 's'} failed`
      + `${failures[0] ? ` (first: ${failures[0].name}${failures[0].message ? ` — ${failures[0].message}` : ''})` : ''}`
      + '; run `attrib test` on the file and fix the rules or the expectations before publishing');
  }
}

export class NoTestsError extends RulesError {
  readonly code = 'TESTS_MISSING';
  constructor() {
    super('the rules have no in-file tests; add at least one `test` block so the version\'s behaviour is pinned before publishing');
  }
}

export class EffectiveWindowOverlapError extends RulesError {
  readonly code = 'EFFECTIVE_WINDOW_OVERLAP';
  constructor(
    readonly ruleSetKey: string,
    readonly window: { effectiveFrom: string | null; effectiveTo: string | null },
    readonly conflicting: { ruleVersionId: string; version: number | null; effectiveFrom: string | null; effectiveTo: string | null },
  ) {
    super(`effective window ${fmtWindow(window)} overlaps version ${conflicting.version} of rule set "${ruleSetKey}" `
      + `(${fmtWindow(conflicting)}); change the header's effective dates, or retire version ${conflicting.version} first`);
  }
}

export class RuleSetMismatchError extends RulesError {
  readonly code = 'RULE_SET_MISMATCH';
  constructor(readonly headerRuleSet: string, readonly ruleSetKey: string) {
    super(`the rules' header names rule set "${headerRuleSet}" but they are being saved into "${ruleSetKey}"; fix the header or pick the other rule set`);
  }
}

export class NotADraftError extends RulesError {
  readonly code = 'NOT_A_DRAFT';
  constructor(readonly ruleVersionId: string, readonly status: string, readonly version: number | null) {
    super(`rule version ${version ?? ruleVersionId} is ${status}, not a draft: published versions are immutable. `
      + 'Save a new draft with the changes and publish it (rollback = publish the old content again)');
  }
}

export class NotPublishedError extends RulesError {
  readonly code = 'NOT_PUBLISHED';
  constructor(readonly ruleVersionId: string, readonly status: string) {
    super(`rule version ${ruleVersionId} is ${status}; only published versions can do this. Publish it first, or use a preview run for drafts`);
  }
}

export class NoPublishedVersionError extends RulesError {
  readonly code = 'NO_PUBLISHED_VERSION';
  constructor(readonly ruleSetKey: string) {
    super(`rule set "${ruleSetKey}" has no published version; publish one (attrib run FILE publishes a clean, tested file)`);
  }
}

export class RunFailedError extends RulesError {
  readonly code = 'RUN_FAILED';
  constructor(readonly runId: string, readonly reason: string, cause?: unknown) {
    super(`run ${runId} failed: ${reason}. Current results are unchanged; fix the cause and run again`);
    if (cause !== undefined) this.cause = cause;
  }
}

function fmtWindow(w: { effectiveFrom: string | null; effectiveTo: string | null }): string {
  return `${w.effectiveFrom ?? '−∞'} … ${w.effectiveTo ?? '∞'}`;
}

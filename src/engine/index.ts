// The attribution engine: turns published rule versions into credit
// allocations (see README.md in this folder for the policies).
export { loadOpportunityFacts } from './facts.js';
export { startRun, launchRun, loadVersionInfo, type StartRunOptions, type RunSummary, type RunProgress } from './run.js';
export { recomputeOpportunities, type RecomputeOptions, type RecomputeResult } from './recompute.js';
export { previewRuleVersion, type ImpactReport, type PreviewInput, type OpportunityChange, type MovedCredit, type LaneAmounts } from './preview.js';
export { renderImpactReport } from './impact-format.js';
export { exportAllocationsCsv, ALLOCATION_CSV_HEADER } from './export.js';
export { resolveRunTarget, type RunTarget } from './targets.js';
export { applyOverrides, type OverrideFacts, type EngineAttribution } from './overrides.js';
export { attributionProblems, assertAttributionSound, InvariantViolation } from './invariants.js';
export { failStaleRuns, RunLostError, DEFAULT_STALE_AFTER_MS } from './runs.js';
export { ScopeError, validateScope, type RunScope } from './scope.js';
export { EvaluationError } from './evaluator.js';
export { UnknownPartnerError } from './store.js';
export { dslLanguage, defaultRulesLanguage, type RulesLanguage, type RuleProgram } from './compile.js';

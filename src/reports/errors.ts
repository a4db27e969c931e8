// Typed errors of the reports: each carries a stable `code` the API and the
// CLI map to their own error shapes, and a message that says what to do next.

export type ReportErrorCode =
  | 'RULE_SET_NOT_FOUND'
  | 'RULE_VERSION_NOT_FOUND'
  | 'RUN_NOT_FOUND'
  | 'NO_RESULTS_FOR_VERSION'
  | 'INVALID_INPUT';

export class ReportError extends Error {
  constructor(readonly code: ReportErrorCode, message: string) {
    super(message);
    this.name = 'ReportError';
  }
}

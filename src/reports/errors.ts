// Typed errors of the reports: each carries a stable `code` the API and the
// CLI map to their own error shapes, and a message that says what to do next.

type ReportErrorCode =
  | 'RULE_SET_NOT_FOUND'
  | 'RULE_VERSION_NOT_FOUND'
  | 'RUN_NOT_FOUND'
  | 'NO_RESULTS_FOR_VERSION'
  | 'INVALID_INPUT'
  | 'FX_RATE_MISSING';

/** Amounts that could not be converted to the reporting currency: no rate on or before `date`. */
export interface MissingFxRate {
  currency: string;
  /** The day that needs a rate (YYYY-MM-DD): a deal's close day, the as-of day of open deals, an investment's period start. */
  date: string;
  opportunities: number;
  investments: number;
}

export class ReportError extends Error {
  constructor(
    readonly code: ReportErrorCode,
    message: string,
    readonly missingRates: MissingFxRate[] = [],
  ) {
    super(message);
    this.name = 'ReportError';
  }
}

// The report settings that come from configuration: the reporting currency
// (ATTRIB_REPORTING_CURRENCY) and the fiscal year's first month
// (ATTRIB_FISCAL_YEAR_START). Reports take them as input; only the edges
// (CLI commands, the GraphQL context) read them from the configuration.
import type { Config } from '../config.js';

export interface ReportSettings {
  /** ISO 4217 code every money figure is reported in. */
  reportingCurrency: string;
  /** Month (1–12) the fiscal year starts in. */
  fiscalYearStart: number;
}

export const DEFAULT_REPORT_SETTINGS: ReportSettings = { reportingCurrency: 'USD', fiscalYearStart: 1 };

export function reportSettingsOf(config: Pick<Config, 'reportingCurrency' | 'fiscalYearStart'>): ReportSettings {
  return { reportingCurrency: config.reportingCurrency, fiscalYearStart: config.fiscalYearStart };
}

// Flag values of the report commands, checked before any database is opened:
// a bad value is a CliError that names the flag and what it takes.
import { parseDate } from '../reports/periods.js';
import { CliError } from './command.js';

/** The output formats of the report commands. */
export const REPORT_FORMATS = ['table', 'csv', 'json'] as const;

/** One of `allowed`; undefined when the flag is not given. */
export function choiceFlag<T extends string>(flag: string, value: unknown, allowed: readonly T[]): T | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw new CliError(`--${flag} must be one of ${allowed.join(', ')}, got "${String(value)}"`);
  }
  return value as T;
}

/** A YYYY-MM-DD day; undefined when the flag is not given. */
export function dateFlag(flag: string, value: unknown): Date | undefined {
  if (value === undefined) return undefined;
  try {
    return parseDate(String(value));
  } catch {
    throw new CliError(`--${flag} "${String(value)}" is not a date; use YYYY-MM-DD, e.g. 2026-01-01`);
  }
}

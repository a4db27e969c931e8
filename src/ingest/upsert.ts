// Shared upsert mechanics: validate, compare with the current row, write only
// when something changed, and audit the change in the same transaction.
import type { z } from 'zod';
import { InputValidationError, issuesFromZod } from './issues.js';

type UpsertStatus = 'created' | 'updated' | 'unchanged';

export interface UpsertResult<T> {
  record: T;
  status: UpsertStatus;
}

export function validate<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw new InputValidationError(issuesFromZod(parsed.error));
  return parsed.data;
}

/** The fields of `next` whose values differ from `current` (Dates and Decimals by value). */
export function changedFields(current: Record<string, unknown>, next: Record<string, unknown>): string[] {
  return Object.keys(next).filter((k) => !sameValue(current[k], next[k]));
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a instanceof Date || b instanceof Date) {
    return a instanceof Date && b instanceof Date && a.getTime() === b.getTime();
  }
  if (a !== null && typeof a === 'object' && 'equals' in a && typeof (a as { equals: unknown }).equals === 'function') {
    // Prisma Decimal against a decimal string.
    return b !== null && b !== undefined && (a as { equals(x: unknown): boolean }).equals(b);
  }
  return (a ?? null) === (b ?? null);
}

export function pickFields<T extends Record<string, unknown>>(row: T, keys: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(keys.map((k) => [k, row[k]]));
}

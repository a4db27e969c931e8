// Zod building blocks for CSV rows: every cell is a string; each field turns it
// into a typed value with one of the strict parsers in values.ts, and a failure
// becomes a zod issue whose message is the reason and whose params carry the hint.
import { z } from 'zod';
import type { Parsed } from './values.js';

export function cell<T>(parse: (raw: string) => Parsed<T>) {
  return z.string().transform((raw, ctx): T => {
    const result = parse(raw);
    if (result.ok) return result.value;
    ctx.addIssue({ code: 'custom', message: result.reason, params: result.hint ? { hint: result.hint } : undefined });
    return z.NEVER;
  });
}

/** Reads the hint a cell() issue carries. */
export function hintOf(issue: z.core.$ZodIssue): string | undefined {
  const params = (issue as { params?: { hint?: unknown } }).params;
  return typeof params?.hint === 'string' ? params.hint : undefined;
}

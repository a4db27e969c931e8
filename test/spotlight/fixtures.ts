import type { Journey } from '../../src/spotlight/index.js';

export const j = (path: string, converted: boolean, value = converted ? '1000.00' : '0.00'): Journey => ({
  path: path.split('>').map((s) => s.trim()),
  converted,
  value,
});

/** The classic three-journey example: c1>c2>c3 converts, c1 and c2>c3 do not. */
export const CLASSIC: Journey[] = [j('c1>c2>c3', true), j('c1', false), j('c2>c3', false)];

export const byUnit = <T extends { unit: string }>(rows: readonly T[]): Record<string, T> =>
  Object.fromEntries(rows.map((r) => [r.unit, r]));

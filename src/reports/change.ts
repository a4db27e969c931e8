// The change of a report figure between two periods or versions.
import { quotient, subtractDecimals } from '../domain/decimal.js';

/** Change between two figures: delta and relative change (null when previous is 0). */
export interface Change {
  previous: string;
  current: string;
  delta: string;
  /** (current - previous) / previous, 4 places ("0.2500" = +25 %); null when previous is zero. */
  relative: string | null;
}

/** current - previous at `places` places (figures read half-up), relative change half-up to 4 places. */
export function change(previous: string, current: string, places = 2): Change {
  const delta = subtractDecimals(current, previous, places, 'half-up');
  return { previous, current, delta, relative: quotient(delta, previous, 4, 'half-up') };
}

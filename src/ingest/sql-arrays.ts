// PostgreSQL array literals for array parameters ($1::text[], $1::uuid[] …),
// the same text as src/engine/db.ts pgArray but built in one pass with one
// escape per element (a 1,000-item batch sends ~20 such arrays).
const SPECIAL = /[\\"]/;
const SPECIALS = /[\\"]/g;

export function arrayLiteral(values: readonly (string | null)[]): string {
  let out = '{';
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (i > 0) out += ',';
    if (v === null) { out += 'NULL'; continue; }
    out += SPECIAL.test(v) ? `"${v.replace(SPECIALS, '\\$&')}"` : `"${v}"`;
  }
  return `${out}}`;
}

// PostgreSQL array literals for array parameters ($1::text[], $1::uuid[] …):
// the one encoder. Passing JS arrays directly is
// not portable across the two drivers (PGlite flattens a one-element array).
// Built in one pass with one escape per element (a 1,000-item batch sends ~20
// such arrays). Every element is quoted (so "NULL", spaces, commas and braces
// stay text); when no element is null or needs escaping (ids, keys, enums:
// almost always), the literal is one join, one flat string instead of a rope
// of 2,000 pieces.
const SPECIAL = /[\\"]/;
const SPECIALS = /[\\"]/g;

export function arrayLiteral(values: readonly (string | null)[]): string {
  let plain = true;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === null || SPECIAL.test(v!)) {
      plain = false;
      break;
    }
  }
  if (plain) return values.length === 0 ? '{}' : `{"${values.join('","')}"}`;
  let out = '{';
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (i > 0) out += ',';
    if (v === null) {
      out += 'NULL';
      continue;
    }
    out += SPECIAL.test(v) ? `"${v.replace(SPECIALS, '\\$&')}"` : `"${v}"`;
  }
  return `${out}}`;
}

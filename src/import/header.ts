// The first line of every import file must be exactly the documented header.
// When it is not, say which column is wrong and what the whole header must be.
import type { CsvRecord } from './csv.js';
import type { ImportIssue } from './issues.js';
import { closest } from './values.js';

export function checkHeader(file: string, record: CsvRecord, expected: readonly string[]): ImportIssue | null {
  const found = record.fields;
  const same = found.length === expected.length && found.every((f, i) => f === expected[i]);
  if (same) return null;
  const hint = `the first line of ${file} must be exactly: ${expected.join(',')}`;
  const at = (i: number) => record.positions[Math.min(i, record.positions.length - 1)] ?? { line: record.line, column: 1 };

  // Point at the first column that differs and say how.
  for (let i = 0; i < Math.max(found.length, expected.length); i++) {
    const f = found[i];
    const e = expected[i];
    if (f === e) continue;
    const pos = at(i);
    let message: string;
    if (f === undefined) {
      message = `the header is missing column${expected.length - found.length > 1 ? 's' : ''} ${expected
        .slice(found.length)
        .map((c) => `"${c}"`)
        .join(', ')}`;
    } else if (e === undefined) {
      message = `unexpected extra column "${f}" in the header`;
    } else if (f.trim() === e) {
      message = `header column ${i + 1} "${f}" has surrounding spaces`;
    } else if (expected.includes(f)) {
      message =
        found.filter((x) => expected.includes(x)).length === expected.length && found.length === expected.length
          ? `the header has the right columns in the wrong order (column ${i + 1} is "${f}", expected "${e}")`
          : `header column ${i + 1} is "${f}", expected "${e}"${expected.includes(f) && !found.includes(e) ? ` (column "${e}" is missing)` : ''}`;
    } else {
      const guess = closest(f, expected);
      message = `unknown header column "${f}"${guess ? ` (did you mean "${guess}"?)` : ''}; expected "${e}" in column ${i + 1}`;
    }
    return { file, line: pos.line, column: pos.column, message, hint };
  }
  return { file, line: record.line, column: 1, message: 'the header does not match', hint };
}

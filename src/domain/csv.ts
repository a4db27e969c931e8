// CSV cells, one definition for every export (RFC 4180: comma separated,
// fields quoted when they hold a comma, quote, line break or edge
// whitespace, quotes doubled).
//
// Spreadsheet safety (OWASP "CSV injection"): a text cell that starts with
// `=`, `+`, `-`, `@`, a tab or a carriage return would be run as a formula by
// Excel, Sheets or LibreOffice. Text cells — keys, names, labels, roles, any
// value that comes from users or source systems — are prefixed with an
// apostrophe, which spreadsheets show as text and never evaluate. Numeric
// cells (amounts, shares, counts, rates: produced by the platform as decimal
// strings or numbers) are written as they are, so `-12.50` stays a number.

export type CsvCell = string | number | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;

/** Neutralises a text value a spreadsheet would evaluate as a formula. */
export function spreadsheetSafe(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** One CSV field; `text` marks a text cell (neutralised), otherwise the value is written as is. */
export function csvField(value: CsvCell, text = false): string {
  if (value === null || value === undefined) return '';
  const s = text && typeof value === 'string' ? spreadsheetSafe(value) : String(value);
  return NEEDS_QUOTES.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** One CSV line (no line end); the cells at `textColumns` are text cells. */
export function csvLine(cells: readonly CsvCell[], textColumns: ReadonlySet<number>): string {
  let line = '';
  for (let i = 0; i < cells.length; i++) line += (i ? ',' : '') + csvField(cells[i], textColumns.has(i));
  return line;
}

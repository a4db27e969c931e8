// Plain-text tables for the terminal: columns padded to their widest cell,
// numbers right-aligned. Pure: returns the text, prints nothing.
import { formatDecimal, parseDecimal } from '../domain/decimal.js';

interface TableColumn {
  header: string;
  align?: 'left' | 'right';
}

export function renderTable(columns: readonly TableColumn[], rows: readonly (readonly (string | number | null)[])[]): string {
  const text = rows.map((r) => r.map((c) => (c === null ? '–' : String(c))));
  const widths = columns.map((c, i) => Math.max(c.header.length, ...text.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => (columns[i]?.align === 'right' ? c.padStart(widths[i]!) : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(columns.map((c) => c.header)), line(widths.map((w) => '-'.repeat(w))), ...text.map(line)].join('\n');
}

/** "0.3750" → "37.5%"; null → null. */
export function percent(ratio: string | null): string | null {
  if (ratio === null) return null;
  // A ratio with 4 places is a percent with 2 places; trailing zeros dropped.
  return `${formatDecimal(parseDecimal(ratio, 4), 2).replace(/\.?0+$/, '')}%`;
}

// Columns of the terminal tables (renderTable in src/reports/table.ts): text
// columns, and figure columns, right-aligned.
import type { renderTable } from '../reports/table.js';

type Column = Parameters<typeof renderTable>[0][number];

/** Left-aligned text columns, one per header. */
export const textColumns = (...headers: string[]): Column[] => headers.map((header) => ({ header }));

/** Right-aligned figure columns (amounts, counts, rates), one per header. */
export const figureColumns = (...headers: string[]): Column[] => headers.map((header) => ({ header, align: 'right' }));

// The parts every data table of the app repeats: a header row of column
// names, the row that says the table is empty, and a money cell.
import type { ReactNode } from 'react';
import { Money } from './money.js';

/** A column of a table header: its name, whether it holds figures (right-aligned), its hover text. */
export type Column = string | { label: string; num?: boolean; title?: string };

export function TableHead({ columns }: { columns: readonly Column[] }) {
  return (
    <thead>
      <tr>
        {columns.map((c) => {
          const col = typeof c === 'string' ? { label: c } : c;
          return (
            <th key={col.label} scope="col" className={col.num ? 'num' : undefined} title={col.title}>
              {col.label}
            </th>
          );
        })}
      </tr>
    </thead>
  );
}

/** The one row of a table without rows, spanning its columns. */
export function EmptyRow({ columns, children }: { columns: number; children: ReactNode }) {
  return (
    <tr>
      <td colSpan={columns} className="muted">
        {children}
      </td>
    </tr>
  );
}

/** A right-aligned money cell; `field` names the figure for the browser tests (data-field). */
export function MoneyCell({ amount, currency, field }: { amount: string | null | undefined; currency: string; field?: string }) {
  return (
    <td className="num" data-field={field}>
      <Money amount={amount} currency={currency} />
    </td>
  );
}

/**
 * A data table in its scrolling wrapper: the caption, the header (the
 * `columns`, or a `head` of its own, e.g. sortable), the rows.
 */
export function DataTable({
  columns,
  head,
  caption,
  children,
  ...attributes
}: {
  columns?: readonly Column[];
  head?: ReactNode;
  caption?: ReactNode;
  children: ReactNode;
  'aria-labelledby'?: string;
  'data-testid'?: string;
}) {
  return (
    <div className="table-wrap">
      <table {...attributes}>
        {caption !== undefined && <caption>{caption}</caption>}
        {head ?? (columns && <TableHead columns={columns} />)}
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}

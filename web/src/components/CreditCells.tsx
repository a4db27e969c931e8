// The columns a credit line shows wherever credit is listed (a partner's
// deals in the drill-down, the partner portal's credit lines): lane and role,
// the share of the lane, the credit.
import type { Column } from '../ui/table.js';
import { MoneyCell } from '../ui/table.js';
import { Percent } from '../ui/money.js';

export const CREDIT_COLUMNS: readonly Column[] = ['Lane · role', { label: 'Share', num: true }, { label: 'Credit', num: true }];

export function CreditCells({ line }: { line: { lane: string; role: string; share: string; amount: string; currency: string } }) {
  return (
    <>
      <td>
        {line.lane} · {line.role}
      </td>
      <td className="num">
        <Percent value={line.share} digits={2} />
      </td>
      <MoneyCell amount={line.amount} currency={line.currency} />
    </>
  );
}

// Money and ratios for display. Amounts stay decimal strings: Intl formats the
// string itself (never a float computed from it), the exact value is in the title.
const numberFormats = new Map<string, Intl.NumberFormat>();
function moneyFormat(currency: string): Intl.NumberFormat {
  let f = numberFormats.get(currency);
  if (!f) {
    try {
      f = new Intl.NumberFormat(undefined, { style: 'currency', currency, maximumFractionDigits: 0 });
    } catch {
      f = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 });
    }
    numberFormats.set(currency, f);
  }
  return f;
}

/**
 * Formats a decimal string for display. The string is never computed with as
 * a float: Intl formats the decimal string itself (rounded to whole units for
 * reading); the exact value stays in the title.
 */
export function formatMoney(amount: string, currency: string): string {
  return moneyFormat(currency).format(amount as unknown as number);
}

function NotAvailable() {
  return (
    <span className="muted" title="not available">
      —
    </span>
  );
}

export function Money({ amount, currency }: { amount: string | null | undefined; currency: string }) {
  if (amount == null) return <NotAvailable />;
  return (
    <span className="num" title={`${amount} ${currency}`} data-exact={amount}>
      {formatMoney(amount, currency)}
    </span>
  );
}

/** A decimal ratio such as "0.4125" shown as a percentage; exact value on hover. */
export function Percent({ value, digits = 1 }: { value: string | null | undefined; digits?: number }) {
  if (value == null) return <NotAvailable />;
  const text = new Intl.NumberFormat(undefined, { style: 'percent', maximumFractionDigits: digits, minimumFractionDigits: digits }).format(
    value as unknown as number,
  );
  return (
    <span className="num" title={value} data-exact={value}>
      {text}
    </span>
  );
}

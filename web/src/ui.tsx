// Shared pieces of the views: data loading with loading/error states, links,
// money (reporting currency, exact decimal on hover), dates in the user's locale.
import { useCallback, useEffect, useRef, useState, type ReactNode, type MouseEvent } from 'react';
import { href, navigate } from './router.js';

export type Loadable<T> = { state: 'loading'; data?: T } | { state: 'error'; error: Error; data?: T } | { state: 'ready'; data: T };

/**
 * Runs `load` when `deps` change; the latest call wins (a slower earlier answer
 * never replaces a newer one). `reload` runs it again.
 */
export function useLoad<T>(load: () => Promise<T>, deps: unknown[]): Loadable<T> & { reload: () => void } {
  const [value, setValue] = useState<Loadable<T>>({ state: 'loading' });
  const [tick, setTick] = useState(0);
  const latest = useRef(0);
  useEffect(() => {
    const call = ++latest.current;
    setValue((v) => ({ state: 'loading', ...(v.data !== undefined ? { data: v.data } : {}) }));
    load().then(
      (data) => {
        if (call === latest.current) setValue({ state: 'ready', data });
      },
      (error: unknown) => {
        if (call === latest.current) setValue({ state: 'error', error: error instanceof Error ? error : new Error(String(error)) });
      },
    );
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, tick]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { ...value, reload };
}

export function Loading({ what }: { what: string }) {
  return (
    <p className="loading" role="status" aria-live="polite">
      Loading {what}…
    </p>
  );
}

export function ErrorBox({ error, retry }: { error: Error; retry?: () => void }) {
  return (
    <div className="error" role="alert">
      <p>
        <strong>Something went wrong:</strong> {error.message}
      </p>
      {retry && (
        <button type="button" onClick={retry}>
          Try again
        </button>
      )}
    </div>
  );
}

/** Loading and error states around a view's content. */
export function Loaded<T>({
  value,
  what,
  children,
}: {
  value: Loadable<T> & { reload: () => void };
  what: string;
  children: (data: T) => ReactNode;
}) {
  if (value.state === 'error') return <ErrorBox error={value.error} retry={value.reload} />;
  if (value.data === undefined) return <Loading what={what} />;
  return (
    <div aria-busy={value.state === 'loading'} className={value.state === 'loading' ? 'refreshing' : undefined}>
      {value.state === 'loading' && <Loading what={what} />}
      {children(value.data)}
    </div>
  );
}

/** An in-app link: a real href (open in a new tab works), navigation without a reload. */
export function Link({
  to,
  children,
  className,
  ...rest
}: {
  to: string;
  children: ReactNode;
  className?: string;
  'aria-current'?: 'page' | undefined;
  title?: string;
}) {
  const onClick = (e: MouseEvent<HTMLAnchorElement>) => {
    if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    navigate(to);
  };
  return (
    <a href={href(to)} onClick={onClick} className={className} {...rest}>
      {children}
    </a>
  );
}

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

export function Money({ amount, currency }: { amount: string | null | undefined; currency: string }) {
  if (amount == null)
    return (
      <span className="muted" title="not available">
        —
      </span>
    );
  return (
    <span className="num" title={`${amount} ${currency}`} data-exact={amount}>
      {formatMoney(amount, currency)}
    </span>
  );
}

/** A decimal ratio such as "0.4125" shown as a percentage; exact value on hover. */
export function Percent({ value, digits = 1 }: { value: string | null | undefined; digits?: number }) {
  if (value == null)
    return (
      <span className="muted" title="not available">
        —
      </span>
    );
  const text = new Intl.NumberFormat(undefined, { style: 'percent', maximumFractionDigits: digits, minimumFractionDigits: digits }).format(
    value as unknown as number,
  );
  return (
    <span className="num" title={value} data-exact={value}>
      {text}
    </span>
  );
}

export function formatDate(value: string | null | undefined, withTime = false): string {
  if (!value) return '—';
  const d = new Date(value.length === 10 ? `${value}T00:00:00Z` : value);
  if (Number.isNaN(d.getTime())) return value;
  return withTime
    ? d.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' })
    : d.toLocaleDateString(undefined, { dateStyle: 'medium', ...(value.length === 10 ? { timeZone: 'UTC' } : {}) });
}

export function DateText({ value, withTime = false }: { value: string | null | undefined; withTime?: boolean }) {
  if (!value) return <span className="muted">—</span>;
  return (
    <time dateTime={value} title={value}>
      {formatDate(value, withTime)}
    </time>
  );
}

/** A rule version as people cite it: v3 · 1a2b3c4d (full hash on hover). */
export function RuleVersionBadge({ number, sourceHash }: { number: number | null | undefined; sourceHash: string }) {
  return (
    <span
      className="badge"
      title={`rule version ${number ?? 'draft'}, source hash ${sourceHash}`}
      data-rule-version={number ?? ''}
      data-source-hash={sourceHash}
    >
      v{number ?? '?'} · {sourceHash.slice(0, 8)}
    </span>
  );
}

/** Saves text as a file download. */
export function download(filename: string, content: string, contentType: string): void {
  const url = URL.createObjectURL(new Blob([content], { type: contentType }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

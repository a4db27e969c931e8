// Data loading with loading and error states: the latest request wins, a
// reload runs it again, and a view keeps its last data while it refreshes.
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';

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

// A minimal request-scoped batch loader: every load() issued in the same tick
// becomes one query. Used where a field resolves ids stored in an array column.
import type { GraphQLContext } from '../context.js';

type BatchFn<V> = (ids: readonly string[]) => Promise<Map<string, V>>;

class BatchLoader<V> {
  private pending = new Map<string, Array<{ resolve: (v: V | undefined) => void; reject: (e: unknown) => void }>>();
  private cache = new Map<string, Promise<V | undefined>>();
  private scheduled = false;
  constructor(private readonly fn: BatchFn<V>) {}

  load(id: string): Promise<V | undefined> {
    const cached = this.cache.get(id);
    if (cached) return cached;
    const promise = new Promise<V | undefined>((resolve, reject) => {
      const waiters = this.pending.get(id) ?? [];
      waiters.push({ resolve, reject });
      this.pending.set(id, waiters);
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => {
          void this.flush();
        });
      }
    });
    this.cache.set(id, promise);
    return promise;
  }

  private async flush(): Promise<void> {
    this.scheduled = false;
    const batch = this.pending;
    this.pending = new Map();
    try {
      const found = await this.fn([...batch.keys()]);
      for (const [id, waiters] of batch) for (const w of waiters) w.resolve(found.get(id));
    } catch (err) {
      for (const [id, waiters] of batch) {
        this.cache.delete(id);
        for (const w of waiters) w.reject(err);
      }
    }
  }
}

const loaders = new WeakMap<GraphQLContext, Map<string, BatchLoader<unknown>>>();

export function loaderFor<V>(ctx: GraphQLContext, name: string, fn: BatchFn<V>): BatchLoader<V> {
  let byName = loaders.get(ctx);
  if (!byName) {
    byName = new Map();
    loaders.set(ctx, byName);
  }
  let loader = byName.get(name) as BatchLoader<V> | undefined;
  if (!loader) {
    loader = new BatchLoader(fn);
    byName.set(name, loader as BatchLoader<unknown>);
  }
  return loader;
}

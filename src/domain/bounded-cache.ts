// A Map that keeps at most `capacity` entries and drops the least recently used one first: the one bounded cache
// of the code base (compiled rule programs, the reports' snapshot cache, the import's key lookups).

export class BoundedCache<K, V> {
  private readonly entries = new Map<K, V>();

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`a bounded cache keeps at least one entry, not ${capacity}`);
  }

  /** The value for `key`, which becomes the most recently used; undefined when absent. */
  get(key: K): V | undefined {
    const value = this.entries.get(key);
    if (value !== undefined || this.entries.has(key)) {
      // A Map iterates in insertion order: re-inserting makes the key the last (most recent).
      this.entries.delete(key);
      this.entries.set(key, value as V);
    }
    return value;
  }

  /** The value for `key` without counting as a use. */
  peek(key: K): V | undefined {
    return this.entries.get(key);
  }

  /** Stores `value` as the most recently used, then drops the least recently used entries beyond the capacity. */
  set(key: K, value: V): this {
    this.entries.delete(key);
    this.entries.set(key, value);
    while (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value as K);
    return this;
  }

  delete(key: K): boolean {
    return this.entries.delete(key);
  }

  get size(): number {
    return this.entries.size;
  }
}

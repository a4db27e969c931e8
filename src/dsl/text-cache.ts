// Bounded caches for explanation text whose wording is fixed by a few inputs
// (a field value, or the texts it is composed of). Most excluded touches are
// excluded for the same few reasons ("action is webinar, not one of …"), so
// the compiled rules compose each such text once and reuse the same string
// instead of concatenating it again for every touch. Pure: a cached text is
// exactly what composing it again would give. Each cache stops growing at
// TEXT_CACHE_LIMIT entries (it then composes without storing: the texts of the
// first keys seen stay cached however many others follow), so
// memory stays bounded whatever the data. cachedText keeps its texts in the
// code base's bounded cache (src/domain/bounded-cache.ts), filled up to its
// capacity and never evicting; CombinedText is a trie keyed by each part, so
// a lookup needs no joined key.
import { BoundedCache } from '../domain/bounded-cache.js';

export const TEXT_CACHE_LIMIT = 512;

/** `compose(key)`, composed once per distinct key. */
export function cachedText<K>(compose: (key: K) => string): (key: K) => string {
  const cache = new BoundedCache<K, string>(TEXT_CACHE_LIMIT);
  return (key) => {
    // peek: entries are never evicted, so there is no recency to keep.
    let text = cache.peek(key);
    if (text === undefined) {
      text = compose(key);
      if (cache.size < cache.capacity) cache.set(key, text);
    }
    return text;
  };
}

/**
 * The text composed from `parts` texts (e.g. joined with a separator),
 * composed once per distinct combination: a trie of maps keyed by each part,
 * so looking a combination up allocates nothing.
 */
export class CombinedText {
  private readonly root = new Map<string, unknown>();
  private size = 0;
  constructor(private readonly compose: (parts: readonly string[]) => string) {}

  /** `parts` is read, not kept: callers may reuse the array. */
  get(parts: readonly string[]): string {
    if (parts.length === 0) return this.compose(parts);
    let node = this.root;
    const last = parts.length - 1;
    for (let i = 0; i < last; i++) {
      let next = node.get(parts[i]!) as Map<string, unknown> | undefined;
      if (next === undefined) {
        if (this.size >= TEXT_CACHE_LIMIT) return this.compose(parts);
        next = new Map<string, unknown>();
        node.set(parts[i]!, next);
      }
      node = next;
    }
    let text = node.get(parts[last]!) as string | undefined;
    if (text === undefined) {
      text = this.compose(parts);
      if (this.size < TEXT_CACHE_LIMIT) {
        node.set(parts[last]!, text);
        this.size++;
      }
    }
    return text;
  }
}

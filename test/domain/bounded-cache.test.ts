import { describe, expect, it } from 'vitest';
import { BoundedCache } from '../../src/domain/bounded-cache.js';

const keys = (c: BoundedCache<string, number>, all: string[]) => all.filter((k) => c.peek(k) !== undefined);

describe('BoundedCache', () => {
  it('keeps at most its capacity, dropping the least recently used first', () => {
    const c = new BoundedCache<string, number>(2);
    c.set('a', 1).set('b', 2);
    expect(c.get('a')).toBe(1); // a is now the most recently used
    c.set('c', 3); // drops b
    expect(keys(c, ['a', 'b', 'c'])).toEqual(['a', 'c']);
    expect(c.size).toBe(2);
  });

  it('counts a write as a use, a peek not', () => {
    const c = new BoundedCache<string, number>(2);
    c.set('a', 1).set('b', 2).set('a', 10); // a rewritten: b is the oldest
    c.set('c', 3);
    expect(keys(c, ['a', 'b', 'c'])).toEqual(['a', 'c']);
    expect(c.peek('a')).toBe(10);
    c.peek('a'); // not a use: a stays the oldest
    c.set('d', 4);
    expect(keys(c, ['a', 'c', 'd'])).toEqual(['c', 'd']);
  });

  it('deletes, answers undefined for a missing key, and refuses a capacity below one', () => {
    const c = new BoundedCache<string, number>(1);
    c.set('a', 1);
    expect(c.delete('a')).toBe(true);
    expect(c.delete('a')).toBe(false);
    expect(c.get('a')).toBeUndefined();
    expect(c.size).toBe(0);
    expect(() => new BoundedCache(0)).toThrow(RangeError);
    expect(() => new BoundedCache(1.5)).toThrow(RangeError);
  });
});

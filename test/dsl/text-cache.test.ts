// The explanation text caches must give exactly what composing the text again
// gives, and stop growing at their limit (still composing correctly after).
import { describe, expect, it } from 'vitest';
import { cachedText, CombinedText, TEXT_CACHE_LIMIT } from '../../src/dsl/text-cache.js';

describe('text caches', () => {
  it('cachedText composes once per key and stays correct past its limit', () => {
    let composed = 0;
    const text = cachedText((k: number) => {
      composed++;
      return `value ${k}`;
    });
    for (let round = 0; round < 2; round++) {
      for (let k = 0; k < TEXT_CACHE_LIMIT + 50; k++) expect(text(k)).toBe(`value ${k}`);
    }
    // The first TEXT_CACHE_LIMIT keys were stored; the 50 beyond are composed each time.
    expect(composed).toBe(TEXT_CACHE_LIMIT + 50 + 50);
  });

  it('CombinedText keys on every part and stays correct past its limit', () => {
    let composed = 0;
    const combined = new CombinedText((parts) => {
      composed++;
      return parts.join('|');
    });
    const parts: string[] = ['', ''];
    for (let round = 0; round < 2; round++) {
      for (let a = 0; a < 30; a++) {
        for (let b = 0; b < 30; b++) {
          parts[0] = `a${a}`;
          parts[1] = `b${b}`;
          expect(combined.get(parts)).toBe(`a${a}|b${b}`);
        }
      }
    }
    expect(composed).toBe(900 + (900 - TEXT_CACHE_LIMIT));
    expect(combined.get([])).toBe('');
    expect(combined.get(['x'])).toBe('x');
  });
});

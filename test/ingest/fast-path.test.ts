// The touchpoint validation fast path must never disagree with the schema:
// whatever it accepts, touchpointInputSchema accepts with the same output.
// Checked on valid items and on many mutations of them (wrong types, empty
// and padded strings, odd dates, unknown enum values, arrays, extra keys).
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../bench/lib/prng.js';
import { ACTION_TYPES, CHANNELS, OPPORTUNITY_STAGES } from '../../src/domain/enums.js';
import { fastValidTouchpoint } from '../../src/ingest/touchpoint-fast-path.js';
import { touchpointInputSchema } from '../../src/ingest/touchpoint-input.js';

const FIELDS = [
  'source',
  'externalId',
  'partnerKey',
  'opportunityKey',
  'accountKey',
  'action',
  'channel',
  'occurredAt',
  'proof',
  'owner',
  'nextJointStep',
  'engagementDepth',
  'stageAtTouch',
  'metadata',
  'extra',
] as const;

const ODD_VALUES: unknown[] = [
  null,
  undefined,
  '',
  ' ',
  '  x  ',
  'x'.repeat(201),
  'x'.repeat(2001),
  'bad key!',
  '-lead',
  'ok.key:1@a/b-c',
  0,
  1,
  5,
  6,
  10,
  11,
  -1,
  2.5,
  NaN,
  true,
  [],
  ['a'],
  {},
  { a: 1 },
  Object.create(null),
  new Date('invalid'),
  new Date('2026-01-01T00:00:00Z'),
  new Date(Date.now() + 3 * 86_400_000),
  '2026-01-01T00:00:00Z',
  '2026-01-01T00:00:00.1Z',
  '2026-01-01T00:00:00.123Z',
  '2026-01-01T00:00:00.1234Z',
  '2026-02-29T00:00:00Z',
  '2028-02-29T00:00:00Z',
  '2026-02-30T10:00:00Z',
  '2026-13-01T00:00:00Z',
  '2026-01-01T24:00:00Z',
  '2026-01-01T23:59:60Z',
  '2026-01-01T00:00:00+01:00',
  '2026-01-01 00:00:00Z',
  '2026-01-01',
  '9999-12-31T23:59:59Z',
  '0000-01-01T00:00:00Z',
  ...ACTION_TYPES.slice(0, 2),
  ...CHANNELS.slice(0, 2),
  ...OPPORTUNITY_STAGES.slice(0, 2),
  'REFERRAL',
  'nope',
];

function validItem(i: number): Record<string, unknown> {
  return {
    source: 'crm',
    externalId: `T-${i}`,
    partnerKey: 'P-1',
    opportunityKey: 'O-1',
    accountKey: i % 3 === 0 ? 'A-1' : null,
    action: ACTION_TYPES[i % ACTION_TYPES.length],
    channel: CHANNELS[i % CHANNELS.length],
    occurredAt: '2026-03-01T10:00:00Z',
    proof: 'https://crm.example/1',
    owner: 'ae@example.com',
    nextJointStep: i % 2 ? null : 'plan',
    engagementDepth: i % 6 === 0 ? null : i % 6,
    stageAtTouch: i % 4 ? null : 'proposal',
    metadata: i % 5 ? undefined : { seats: 3, nested: { a: [1, 2] } },
  };
}

describe('touchpoint validation fast path', () => {
  it("accepts plainly valid items with exactly the schema's output", () => {
    const now = Date.now();
    for (let i = 0; i < 200; i++) {
      const item = validItem(i);
      const fast = fastValidTouchpoint(item, now);
      expect(fast, `item ${i}`).toBeDefined();
      const parsed = touchpointInputSchema.safeParse(item);
      expect(parsed.success).toBe(true);
      expect(fast).toEqual(parsed.data);
    }
  });

  it('never accepts what the schema rejects, and agrees on what it accepts (5,000 mutated items)', () => {
    const rnd = seededRandom(42);
    const now = Date.now();
    let accepted = 0;
    let deferred = 0;
    for (let n = 0; n < 5_000; n++) {
      const item = validItem(n);
      const changes = rnd.int(1, 3);
      for (let c = 0; c < changes; c++) item[rnd.pick(FIELDS)] = rnd.pick(ODD_VALUES);
      const fast = fastValidTouchpoint(item, now);
      const parsed = touchpointInputSchema.safeParse(item);
      if (fast === undefined) {
        deferred++;
        continue;
      }
      accepted++;
      expect(parsed.success, `seed 42, item ${n}: ${JSON.stringify(item)}`).toBe(true);
      expect(fast, `seed 42, item ${n}`).toEqual(parsed.data);
    }
    // Both outcomes occur, so the check above is not vacuous.
    expect(accepted).toBeGreaterThan(500);
    expect(deferred).toBeGreaterThan(500);
  });
});

// The batch creation event's JSON is written by hand (createdEventJson) for
// speed; it must be exactly what JSON.stringify makes of the item objects,
// whatever the values (quotes, backslashes, control characters, non-ASCII,
// nulls, nested metadata), and every enum value.
import { describe, expect, it } from 'vitest';
import { createdEventJson } from '../../src/ingest/touchpoint-audit.js';
import type { TouchpointRow } from '../../src/ingest/touchpoint-input.js';
import { seededRandom } from '../fault/support/mutate.js';
import { DECLARED_ROLES } from '../../src/domain/declared-role.js';
import { ACTION_TYPES, CHANNELS, OPPORTUNITY_STAGES } from '../../src/domain/enums.js';

const NASTY = ['plain', 'with "quotes"', 'back\\slash', 'tab\tnew\nline', 'ünïcødé ✓', '\u0000\u001f', '</script>', '', ' spaced '];

function row(rnd: ReturnType<typeof seededRandom>): TouchpointRow {
  const maybe = <T>(v: T): T | null => (rnd.chance(0.3) ? null : v);
  return {
    source: rnd.pick(NASTY),
    externalId: rnd.pick(NASTY),
    partnerId: crypto.randomUUID(),
    opportunityId: maybe(crypto.randomUUID()),
    accountId: maybe(crypto.randomUUID()),
    action: rnd.pick(ACTION_TYPES),
    channel: rnd.pick(CHANNELS),
    occurredAt: new Date(Date.UTC(2026, 0, 1) + rnd.int(0, 1e9) * 1000),
    proof: maybe(rnd.pick(NASTY)),
    owner: maybe(rnd.pick(NASTY)),
    nextJointStep: maybe(rnd.pick(NASTY)),
    engagementDepth: maybe(rnd.int(1, 5)),
    stageAtTouch: maybe(rnd.pick(OPPORTUNITY_STAGES)),
    declaredRole: maybe(rnd.pick(DECLARED_ROLES)),
    metadata: rnd.chance(0.5) ? {} : { note: rnd.pick(NASTY), seats: rnd.int(0, 100), nested: { list: [1, rnd.pick(NASTY), null] } },
  };
}

describe('createdEventJson', () => {
  it('equals JSON.stringify of the item objects, for 2,000 random rows', () => {
    const rnd = seededRandom(7);
    const created = Array.from({ length: 2_000 }, () => ({ id: crypto.randomUUID(), row: row(rnd) }));
    const items = created.map(({ id, row: r }) => ({
      id,
      source: r.source,
      externalId: r.externalId,
      partnerId: r.partnerId,
      opportunityId: r.opportunityId,
      accountId: r.accountId,
      action: r.action,
      channel: r.channel,
      occurredAt: r.occurredAt.toISOString(),
      proof: r.proof,
      owner: r.owner,
      nextJointStep: r.nextJointStep,
      engagementDepth: r.engagementDepth,
      stageAtTouch: r.stageAtTouch,
      declaredRole: r.declaredRole,
      metadata: r.metadata,
    }));
    const text = createdEventJson(created);
    expect(text).toBe(JSON.stringify({ created: items.length, items }));
    expect(JSON.parse(text).items[5]).toEqual(items[5]);
  });

  it('writes an empty list for no rows', () => {
    expect(createdEventJson([])).toBe('{"created":0,"items":[]}');
  });
});

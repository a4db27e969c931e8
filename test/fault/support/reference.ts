// Minimal reference data (partners, accounts, opportunities) and touchpoint
// batches for the fault tests, written through Prisma.
import type { Database } from '../../../src/db/client.js';
import { ACTION_TYPES, CHANNELS } from '../../../src/domain/enums.js';
import { seededRandom } from './mutate.js';

export interface Reference {
  partnerKeys: string[];
  accountKeys: string[];
  opportunityKeys: string[];
  /** account key of each opportunity key */
  accountOf: Map<string, string>;
}

export async function createReference(
  db: Database,
  opts: { partners: number; accounts: number; opportunities: number },
): Promise<Reference> {
  const partnerKeys = Array.from({ length: opts.partners }, (_, i) => `FP-${i}`);
  const accountKeys = Array.from({ length: opts.accounts }, (_, i) => `FA-${i}`);
  const opportunityKeys = Array.from({ length: opts.opportunities }, (_, i) => `FO-${i}`);
  await db.prisma.partner.createMany({
    data: partnerKeys.map((key, i) => ({ key, name: `Fault partner ${i}`, type: i % 2 ? 'reseller' : 'technology', tier: 'gold' })),
  });
  const partners = await db.prisma.partner.findMany({ select: { id: true, key: true } });
  await db.prisma.account.createMany({
    data: accountKeys.map((key, i) => ({ key, name: `Fault account ${i}`, domain: `fa${i}.example` })),
  });
  const accounts = await db.prisma.account.findMany({ select: { id: true, key: true } });
  const accountId = new Map(accounts.map((a) => [a.key, a.id]));
  const accountOf = new Map<string, string>();
  await db.prisma.opportunity.createMany({
    data: opportunityKeys.map((key, i) => {
      const accountKey = accountKeys[i % accountKeys.length]!;
      accountOf.set(key, accountKey);
      return {
        key,
        name: `Fault opportunity ${i}`,
        accountId: accountId.get(accountKey)!,
        type: 'new_business' as const,
        amount: `${10_000 + i * 137}.${String(i % 100).padStart(2, '0')}`,
        stage: i % 3 === 0 ? ('closed_won' as const) : ('proposal' as const),
        createdAt: new Date(Date.UTC(2026, 0, 1 + (i % 60))),
        closedAt: i % 3 === 0 ? new Date(Date.UTC(2026, 3, 1 + (i % 25))) : null,
      };
    }),
  });
  // Some partners are present on accounts (the "attached" signal).
  const partnerId = new Map(partners.map((p) => [p.key, p.id]));
  await db.prisma.accountPartner.createMany({
    data: accountKeys
      .filter((_, i) => i % 2 === 0)
      .map((key, i) => ({
        accountId: accountId.get(key)!,
        partnerId: partnerId.get(partnerKeys[i % partnerKeys.length]!)!,
        since: new Date(Date.UTC(2025, 6, 1)),
      })),
  });
  return { partnerKeys, accountKeys, opportunityKeys, accountOf };
}

export interface TouchpointInputLike {
  source: string;
  externalId: string;
  partnerKey: string;
  opportunityKey?: string | null;
  accountKey?: string | null;
  action: string;
  channel: string;
  occurredAt: string;
  proof?: string | null;
  owner?: string | null;
  nextJointStep?: string | null;
  engagementDepth?: number | null;
}

/** A deterministic batch of valid touchpoints on the reference data. */
export function touchpointBatch(
  ref: Reference,
  n: number,
  opts: { seed?: number; source?: string; prefix?: string } = {},
): TouchpointInputLike[] {
  const rnd = seededRandom(opts.seed ?? 1);
  return Array.from({ length: n }, (_, i) => {
    const opportunityKey = rnd.pick(ref.opportunityKeys);
    const accountLevel = rnd.chance(0.1);
    return {
      source: opts.source ?? 'fault_crm',
      externalId: `${opts.prefix ?? 'T'}-${i}`,
      partnerKey: rnd.pick(ref.partnerKeys),
      opportunityKey: accountLevel ? null : opportunityKey,
      accountKey: accountLevel ? ref.accountOf.get(opportunityKey)! : null,
      action: rnd.pick(ACTION_TYPES),
      channel: rnd.pick(CHANNELS),
      occurredAt: new Date(Date.UTC(2026, 0, 1) + rnd.int(0, 120) * 86_400_000).toISOString(),
      proof: rnd.chance(0.8) ? `https://crm.example/${i}` : null,
      owner: rnd.chance(0.9) ? 'ae@example.com' : null,
      nextJointStep: rnd.chance(0.5) ? 'joint plan' : null,
      engagementDepth: rnd.chance(0.7) ? rnd.int(1, 5) : null,
    };
  });
}

// Overrides: approved credit changes applied on top of rule results (by the
// engine, in every run) until revoked. Created by approving a dispute
// (disputes.ts); revoked here. Revocation is audited and recomputes.
import { recordAudit } from '../audit/record.js';
import type { OverrideFacts } from '../engine/overrides.js';
import type { Prisma } from '../generated/prisma/client.js';
import type { GovernanceDb } from './recompute.js';
import { GovernanceError } from './errors.js';
import type { RecomputeHook, GovernanceRecomputeOutcome } from './recompute.js';
import { runRecompute } from './recompute.js';
import { normalizeShare, requireText, UUID } from './validate.js';

/** An override as governance shows it: what the engine applies, plus its status. */
export interface OverrideView extends OverrideFacts {
  status: 'active' | 'revoked';
  revokedBy: string | null;
  revokedAt: Date | null;
}

type OverrideRow = Prisma.OverrideGetPayload<{ include: { partner: { select: { key: true } } } }>;

export function overrideView(o: OverrideRow): OverrideView {
  return {
    id: o.id,
    opportunityId: o.opportunityId,
    partnerKey: o.partner?.key ?? null,
    disputeId: o.disputeId,
    ruleSetKey: o.ruleSetKey,
    lane: o.lane,
    role: o.role,
    share: normalizeShare(o.share.toString()),
    reason: o.reason,
    approvedBy: o.approvedBy,
    approvedAt: o.approvedAt,
    status: o.status,
    revokedBy: o.revokedBy,
    revokedAt: o.revokedAt,
  };
}

interface RevokeOverrideInput {
  overrideId: string;
  actor: string;
  reason: string;
}

export async function revokeOverride(
  db: GovernanceDb,
  input: RevokeOverrideInput,
  options: { recompute?: RecomputeHook; skipRecompute?: boolean } = {},
): Promise<{ override: OverrideView; recompute: GovernanceRecomputeOutcome | null }> {
  const actor = requireText('actor', input.actor, 200);
  const reason = requireText('reason', input.reason);
  const override = await db.prisma.$transaction(async (tx) => {
    const before = UUID.test(input.overrideId)
      ? await tx.override.findUnique({ where: { id: input.overrideId }, include: { partner: { select: { key: true } } } })
      : null;
    if (!before)
      throw new GovernanceError(
        'OVERRIDE_NOT_FOUND',
        `override ${input.overrideId} does not exist; list the opportunity's overrides to find its id.`,
      );
    if (before.status !== 'active') {
      throw new GovernanceError(
        'OVERRIDE_ALREADY_REVOKED',
        `override ${before.id} was already revoked by ${before.revokedBy ?? 'someone'}.`,
      );
    }
    const claimed = await tx.override.updateMany({
      where: { id: before.id, status: 'active' },
      data: { status: 'revoked', revokedBy: actor, revokedAt: new Date() },
    });
    if (claimed.count !== 1)
      throw new GovernanceError('OVERRIDE_ALREADY_REVOKED', `override ${before.id} was revoked by someone else meanwhile.`);
    const after = overrideView(
      await tx.override.findUniqueOrThrow({ where: { id: before.id }, include: { partner: { select: { key: true } } } }),
    );
    await recordAudit(tx, {
      actor,
      action: 'override.revoke',
      entityType: 'Override',
      entityId: before.id,
      before: overrideView(before),
      after: { ...after, revokeReason: reason },
    });
    return after;
  });
  const recompute = options.skipRecompute
    ? null
    : await runRecompute(db, [override.opportunityId], `override-revoke:${override.id}`, options.recompute);
  return { override, recompute };
}

export async function listOverrides(
  db: GovernanceDb,
  input: { opportunityKey?: string; status?: 'active' | 'revoked' } = {},
): Promise<OverrideView[]> {
  const rows = await db.prisma.override.findMany({
    where: { status: input.status, opportunity: input.opportunityKey ? { key: input.opportunityKey } : undefined },
    include: { partner: { select: { key: true } } },
    orderBy: [{ approvedAt: 'asc' }, { id: 'asc' }],
  });
  return rows.map(overrideView);
}

// Disputes: anyone can challenge an allocation or an opportunity's credit with
// a reason and evidence; governance approves or rejects with a resolution
// note. An approval becomes an Override (tagged with its dispute and approver)
// that the engine applies on top of rule results in every run until revoked.
//
// Every change is written with an AuditEvent (before/after) in the same
// transaction; recomputation runs after the commit (see recompute.ts).
import { recordAudit } from '../audit/record.js';
import type { Lane } from '../domain/enums.js';
import type { Prisma } from '../generated/prisma/client.js';
import type { GovernanceDb } from './recompute.js';
import { GovernanceError } from './errors.js';
import { overrideView, type OverrideView } from './overrides.js';
import type { RecomputeHook, GovernanceRecomputeOutcome } from './recompute.js';
import { runRecompute } from './recompute.js';
import type { CreditRequest } from './validate.js';
import { normalizeShare, optionalText, requireText, UUID, validateCreditRequest } from './validate.js';

export type DisputeStatus = 'open' | 'approved' | 'rejected';

export interface DisputeView {
  id: string;
  opportunityId: string;
  opportunityKey: string;
  partnerKey: string | null;
  allocationId: string | null;
  raisedBy: string;
  reason: string;
  evidence: string | null;
  requested: CreditRequest | null;
  status: DisputeStatus;
  resolution: string | null;
  resolvedBy: string | null;
  createdAt: Date;
  resolvedAt: Date | null;
  /** Overrides created by approving this dispute. */
  overrideIds: string[];
}

interface RaiseDisputeInput {
  opportunityKey?: string;
  allocationId?: string;
  /** The partner whose credit is in question (default: the allocation's partner). */
  partnerKey?: string;
  raisedBy: string;
  reason: string;
  evidence?: string | null;
  requested?: { lane: Lane | string; role: string; share: string } | null;
}

interface ResolveDisputeInput {
  disputeId: string;
  resolver: string;
  decision: 'approved' | 'rejected';
  resolution: string;
  /** The credit to impose; defaults to what the dispute requested. partnerKey null = the whole lane. */
  override?: { lane: Lane | string; role: string; share: string; partnerKey?: string | null } | null;
  /** Limit the override to one rule set (default: every rule set). */
  ruleSetKey?: string | null;
}

interface GovernanceOptions {
  /** Replaces the engine's recomputeOpportunities (tests, batch jobs). */
  recompute?: RecomputeHook;
  /** Skip recomputation (the caller runs it for many opportunities at once). */
  skipRecompute?: boolean;
}

interface ResolveDisputeResult {
  dispute: DisputeView;
  override: OverrideView | null;
  /** Overrides the new one replaced (same opportunity, lane, partner, rule set). */
  superseded: OverrideView[];
  recompute: GovernanceRecomputeOutcome | null;
}

type Tx = Prisma.TransactionClient;

const disputeInclude = {
  opportunity: { select: { key: true } },
  partner: { select: { key: true } },
  overrides: { select: { id: true }, orderBy: { approvedAt: 'asc' as const } },
} satisfies Prisma.DisputeInclude;

type DisputeRow = Prisma.DisputeGetPayload<{ include: typeof disputeInclude }>;

function disputeView(d: DisputeRow): DisputeView {
  const req = d.requested as { lane?: string; role?: string; share?: string } | null;
  return {
    id: d.id,
    opportunityId: d.opportunityId,
    opportunityKey: d.opportunity.key,
    partnerKey: d.partner?.key ?? null,
    allocationId: d.allocationId,
    raisedBy: d.raisedBy,
    reason: d.reason,
    evidence: d.evidence,
    requested: req?.lane && req.role && req.share !== undefined ? { lane: req.lane as Lane, role: req.role, share: req.share } : null,
    status: d.status,
    resolution: d.resolution,
    resolvedBy: d.resolvedBy,
    createdAt: d.createdAt,
    resolvedAt: d.resolvedAt,
    overrideIds: d.overrides.map((o) => o.id),
  };
}

async function partnerIdByKey(tx: Tx, key: string): Promise<string> {
  const p = await tx.partner.findUnique({ where: { key }, select: { id: true } });
  if (!p) throw new GovernanceError('PARTNER_NOT_FOUND', `partner "${key}" does not exist; check the partner key.`);
  return p.id;
}

export async function raiseDispute(db: GovernanceDb, input: RaiseDisputeInput): Promise<DisputeView> {
  const raisedBy = requireText('raisedBy', input.raisedBy, 200);
  const reason = requireText('reason', input.reason);
  const evidence = optionalText('evidence', input.evidence);
  const requested = input.requested ? validateCreditRequest(input.requested) : null;
  if (!input.opportunityKey && !input.allocationId) {
    throw new GovernanceError('INVALID_INPUT', 'name what is disputed: an opportunityKey or an allocationId.');
  }

  return db.prisma.$transaction(async (tx) => {
    let opportunityId: string;
    let allocationPartnerId: string | null = null;
    let allocationId: string | null = null;
    if (input.allocationId) {
      const alloc = UUID.test(input.allocationId)
        ? await tx.creditAllocation.findUnique({
            where: { id: input.allocationId },
            select: { id: true, opportunityId: true, partnerId: true, opportunity: { select: { key: true } } },
          })
        : null;
      if (!alloc)
        throw new GovernanceError(
          'ALLOCATION_NOT_FOUND',
          `allocation ${input.allocationId} does not exist; take the id from the opportunity's allocations.`,
        );
      if (input.opportunityKey && alloc.opportunity.key !== input.opportunityKey) {
        throw new GovernanceError(
          'INVALID_INPUT',
          `allocation ${alloc.id} belongs to opportunity "${alloc.opportunity.key}", not "${input.opportunityKey}"; give one of the two.`,
        );
      }
      opportunityId = alloc.opportunityId;
      allocationPartnerId = alloc.partnerId;
      allocationId = alloc.id;
    } else {
      const opp = await tx.opportunity.findUnique({ where: { key: input.opportunityKey! }, select: { id: true } });
      if (!opp)
        throw new GovernanceError(
          'OPPORTUNITY_NOT_FOUND',
          `opportunity "${input.opportunityKey}" does not exist; check the opportunity key.`,
        );
      opportunityId = opp.id;
    }
    const partnerId = input.partnerKey ? await partnerIdByKey(tx, input.partnerKey) : allocationPartnerId;

    const duplicate = await tx.dispute.findFirst({
      where: { opportunityId, partnerId, allocationId, status: 'open' },
      select: { id: true },
    });
    if (duplicate) {
      throw new GovernanceError(
        'DISPUTE_ALREADY_OPEN',
        `dispute ${duplicate.id} on the same record is still open; add evidence to it or wait for its resolution.`,
        { disputeId: duplicate.id },
      );
    }

    const created = await tx.dispute.create({
      data: {
        opportunityId,
        partnerId,
        allocationId,
        raisedBy,
        reason,
        evidence,
        requested: requested ? { ...requested } : undefined,
      },
      include: disputeInclude,
    });
    const view = disputeView(created);
    await recordAudit(tx, { actor: raisedBy, action: 'dispute.raise', entityType: 'Dispute', entityId: view.id, after: view });
    return view;
  });
}

export async function getDispute(db: GovernanceDb, disputeId: string): Promise<DisputeView> {
  const d = UUID.test(disputeId) ? await db.prisma.dispute.findUnique({ where: { id: disputeId }, include: disputeInclude }) : null;
  if (!d) throw new GovernanceError('DISPUTE_NOT_FOUND', `dispute ${disputeId} does not exist; list disputes to find its id.`);
  return disputeView(d);
}

interface ListDisputesInput {
  status?: DisputeStatus;
  opportunityKey?: string;
  partnerKey?: string;
  first?: number;
  /** Cursor: the id of the last dispute of the previous page. */
  after?: string;
}

export async function listDisputes(
  db: GovernanceDb,
  input: ListDisputesInput = {},
): Promise<{ disputes: DisputeView[]; hasNextPage: boolean; endCursor: string | null }> {
  const first = input.first ?? 50;
  if (!Number.isInteger(first) || first < 1 || first > 500) {
    throw new GovernanceError('INVALID_INPUT', `first must be an integer from 1 to 500, got ${first}.`);
  }
  if (input.after !== undefined && !UUID.test(input.after)) {
    throw new GovernanceError('INVALID_CURSOR', 'the `after` cursor is not a dispute id; pass the endCursor of the previous page.');
  }
  const rows = await db.prisma.dispute.findMany({
    where: {
      status: input.status,
      opportunity: input.opportunityKey ? { key: input.opportunityKey } : undefined,
      partner: input.partnerKey ? { key: input.partnerKey } : undefined,
    },
    include: disputeInclude,
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: first + 1,
    ...(input.after ? { cursor: { id: input.after }, skip: 1 } : {}),
  });
  const page = rows.slice(0, first).map(disputeView);
  return { disputes: page, hasNextPage: rows.length > first, endCursor: page.at(-1)?.id ?? null };
}

export async function resolveDispute(
  db: GovernanceDb,
  input: ResolveDisputeInput,
  options: GovernanceOptions = {},
): Promise<ResolveDisputeResult> {
  const resolver = requireText('resolver', input.resolver, 200);
  const resolution = requireText('resolution', input.resolution);
  if (input.decision !== 'approved' && input.decision !== 'rejected') {
    throw new GovernanceError('INVALID_INPUT', `decision "${String(input.decision)}" must be approved or rejected.`);
  }
  const explicit = input.override ? validateCreditRequest(input.override) : null;

  const outcome = await db.prisma.$transaction(async (tx) => {
    const before = UUID.test(input.disputeId)
      ? await tx.dispute.findUnique({ where: { id: input.disputeId }, include: disputeInclude })
      : null;
    if (!before) throw new GovernanceError('DISPUTE_NOT_FOUND', `dispute ${input.disputeId} does not exist; list disputes to find its id.`);
    if (before.status !== 'open') {
      throw new GovernanceError(
        'DISPUTE_ALREADY_RESOLVED',
        `dispute ${before.id} was already ${before.status} by ${before.resolvedBy ?? 'someone'}; raise a new dispute to reopen the question.`,
      );
    }
    if (before.raisedBy === resolver) {
      throw new GovernanceError(
        'SELF_RESOLUTION_FORBIDDEN',
        `${resolver} raised dispute ${before.id} and cannot also resolve it; ask another governance member.`,
      );
    }

    // Decide the override before changing anything so a bad request changes nothing.
    let overrideSpec: (CreditRequest & { partnerId: string | null }) | null = null;
    let ruleSetKey: string | null = null;
    if (input.decision === 'approved') {
      const base = explicit ?? disputeView(before).requested;
      if (!base) {
        throw new GovernanceError(
          'OVERRIDE_REQUIRED',
          `dispute ${before.id} requested no specific credit; give the override to apply (lane, role, share, partner).`,
        );
      }
      const partnerKey =
        input.override && input.override.partnerKey !== undefined ? input.override.partnerKey : (before.partner?.key ?? null);
      overrideSpec = { ...base, share: normalizeShare(base.share), partnerId: partnerKey ? await partnerIdByKey(tx, partnerKey) : null };
      if (input.ruleSetKey) {
        const rs = await tx.ruleSet.findUnique({ where: { key: input.ruleSetKey }, select: { key: true } });
        if (!rs) throw new GovernanceError('RULE_SET_NOT_FOUND', `rule set "${input.ruleSetKey}" does not exist.`);
        ruleSetKey = rs.key;
      }
    }

    const now = new Date();
    const claimed = await tx.dispute.updateMany({
      where: { id: before.id, status: 'open' },
      data: { status: input.decision, resolution, resolvedBy: resolver, resolvedAt: now },
    });
    if (claimed.count !== 1) {
      throw new GovernanceError('DISPUTE_ALREADY_RESOLVED', `dispute ${before.id} was resolved by someone else meanwhile; reload it.`);
    }

    const superseded: OverrideView[] = [];
    let override: OverrideView | null = null;
    if (overrideSpec) {
      const replaced = await tx.override.findMany({
        where: {
          opportunityId: before.opportunityId,
          lane: overrideSpec.lane,
          partnerId: overrideSpec.partnerId,
          ruleSetKey,
          status: 'active',
        },
        include: { partner: { select: { key: true } } },
      });
      for (const old of replaced) {
        const after = await tx.override.update({
          where: { id: old.id },
          data: { status: 'revoked', revokedBy: resolver, revokedAt: now },
          include: { partner: { select: { key: true } } },
        });
        superseded.push(overrideView(after));
        await recordAudit(tx, {
          actor: resolver,
          action: 'override.revoke',
          entityType: 'Override',
          entityId: old.id,
          before: overrideView(old),
          after: { ...overrideView(after), revokeReason: `superseded by the approval of dispute ${before.id}` },
        });
      }
      const created = await tx.override.create({
        data: {
          opportunityId: before.opportunityId,
          partnerId: overrideSpec.partnerId,
          disputeId: before.id,
          ruleSetKey,
          lane: overrideSpec.lane,
          role: overrideSpec.role,
          share: overrideSpec.share,
          reason: resolution,
          approvedBy: resolver,
          approvedAt: now,
        },
        include: { partner: { select: { key: true } } },
      });
      override = overrideView(created);
      await recordAudit(tx, { actor: resolver, action: 'override.create', entityType: 'Override', entityId: created.id, after: override });
    }

    const after = await tx.dispute.findUniqueOrThrow({ where: { id: before.id }, include: disputeInclude });
    const dispute = disputeView(after);
    await recordAudit(tx, {
      actor: resolver,
      action: 'dispute.resolve',
      entityType: 'Dispute',
      entityId: dispute.id,
      before: disputeView(before),
      after: dispute,
    });
    return { dispute, override, superseded };
  });

  const recompute =
    outcome.override && !options.skipRecompute
      ? await runRecompute(db, [outcome.dispute.opportunityId], `dispute:${outcome.dispute.id}`, options.recompute)
      : null;
  return { ...outcome, recompute };
}

// The deterministic demo/benchmark data generator: pure functions from a seed
// plan to rows. Nothing here touches the database or the clock.
//
// Every entity is generated from its own PRNG stream (see prng.ts), so
// `opportunityAt(plan, partners, i)` is random-access: writers can stream any
// range of a million-opportunity dataset in batches with bounded memory.
import type { DeclaredRole } from '../domain/declared-role.js';
import {
  OPPORTUNITY_STAGES,
  PARTNER_TIERS,
  PARTNER_TYPES,
  type DefaultActionType as ActionType,
  type DefaultOpportunityStage as OpportunityStage,
  type OpportunityType,
  type PartnerStatus,
  type DefaultPartnerTier as PartnerTier,
  type DefaultPartnerType as PartnerType,
} from '../domain/enums.js';
import { formatAmount } from '../domain/decimal.js';
import { Rng } from './prng.js';
import {
  DEFAULT_SEED,
  DEMO_SIZE,
  INVESTMENT_CATEGORIES,
  REGIONS,
  SCENARIOS,
  SEED_AS_OF,
  SEED_QUARTERS,
  SEED_WINDOW_START,
  TOUCH_SOURCES,
  accountKey,
  opportunityKey,
  type Scenario,
  type Segment,
} from './reference.js';
import type { AccountPartnerRow, AccountRow, OpportunityRow, PartnerInvestmentRow, PartnerRow, TouchpointRow } from './rows.js';
import {
  ACTIONS_BY_PARTNER_TYPE,
  CHANNEL_OF_ACTION,
  COMPANY_FIRST,
  COMPANY_SECOND,
  COMPANY_SUFFIX,
  DEAL_NAME_PARTS,
  DEFAULT_CHANNEL_OF_PARTNER,
  DEPTH_OF_ACTION,
  NEXT_JOINT_STEPS,
  PARTNER_MANAGERS,
  PARTNER_STEMS,
  PARTNER_SUFFIXES,
  SALES_REPS,
  TIMING_OF_ACTION,
  TOP_LEVEL_DOMAINS,
} from './vocabulary.js';

const DAY = 86_400_000;
const MINUTE = 60_000;
const AS_OF = SEED_AS_OF.getTime();
const WINDOW_START = SEED_WINDOW_START.getTime();

/** How big a dataset is and which seed it comes from. */
export interface SeedPlan {
  seed: number;
  opportunities: number;
  /** Average partner touches per opportunity (excluding account-level signals). */
  touchpointsPerOpportunity: number;
  partners: number;
  accounts: number;
}

export function planSeed(opts: { seed?: number; opportunities?: number; touchpointsPerOpportunity?: number } = {}): SeedPlan {
  const opportunities = opts.opportunities ?? DEMO_SIZE.opportunities;
  const touchpointsPerOpportunity = opts.touchpointsPerOpportunity ?? DEMO_SIZE.touchpointsPerOpportunity;
  if (!Number.isSafeInteger(opportunities) || opportunities < 1) throw new RangeError('opportunities must be a positive integer');
  if (!Number.isFinite(touchpointsPerOpportunity) || touchpointsPerOpportunity < 0 || touchpointsPerOpportunity > 100) {
    throw new RangeError('touchpointsPerOpportunity must be between 0 and 100');
  }
  return {
    seed: opts.seed ?? DEFAULT_SEED,
    opportunities,
    touchpointsPerOpportunity,
    // ~50 partners for the demo; big benchmark datasets get a bigger ecosystem.
    partners: Math.min(400, Math.max(50, Math.round(opportunities / 2500))),
    // One account per ten opportunities, at least 500 (the demo size) when there are enough deals.
    accounts: Math.max(Math.min(500, opportunities), Math.round(opportunities / 10)),
  };
}

// ---------------------------------------------------------------- partners

export function generatePartners(plan: SeedPlan): PartnerRow[] {
  const rows: PartnerRow[] = [];
  const usedKeys = new Set<string>();
  for (let i = 0; i < plan.partners; i++) {
    const rng = Rng.for(plan.seed, 'partner', i);
    // The first partners cover every type and every tier; the rest follow a realistic mix.
    const type: PartnerType =
      i < PARTNER_TYPES.length
        ? PARTNER_TYPES[i]!
        : rng.weighted<PartnerType>([
            ['reseller', 6],
            ['system_integrator', 5],
            ['technology', 6],
            ['referral', 4],
            ['marketplace', 1],
            ['agency', 2],
            ['msp', 3],
            ['other', 1],
          ]);
    const tier: PartnerTier =
      i < PARTNER_TIERS.length
        ? PARTNER_TIERS[(i * 3) % PARTNER_TIERS.length]!
        : rng.weighted<PartnerTier>([
            ['registered', 5],
            ['silver', 4],
            ['gold', 3],
            ['platinum', 2],
            ['strategic', 1],
          ]);
    const stem = PARTNER_STEMS[i % PARTNER_STEMS.length]!;
    const round = Math.floor(i / PARTNER_STEMS.length);
    let name = `${stem} ${rng.pick(PARTNER_SUFFIXES[type])}${round > 0 ? ` ${romanize(round + 1)}` : ''}`;
    let key = slug(name);
    for (let n = 2; usedKeys.has(key); n++) {
      name = `${name} ${n}`;
      key = slug(name);
    }
    usedKeys.add(key);
    const status: PartnerStatus =
      i < 8
        ? 'active'
        : rng.weighted<PartnerStatus>([
            ['active', 20],
            ['onboarding', 2],
            ['inactive', 2],
            ['prospect', 1],
            ['terminated', 1],
          ]);
    rows.push({
      id: rng.uuid(),
      key,
      name,
      type,
      tier,
      status,
      owner: PARTNER_MANAGERS[i % PARTNER_MANAGERS.length]!,
      createdAt: new Date(WINDOW_START - rng.int(30, 900) * DAY),
    });
  }
  return rows;
}

/** Partner spend (MDF, enablement …) per partner per quarter, for ROI. */
export function generateInvestments(plan: SeedPlan, partners: readonly PartnerRow[]): PartnerInvestmentRow[] {
  const rows: PartnerInvestmentRow[] = [];
  const tierScale: Record<PartnerTier, number> = { registered: 1, silver: 2, gold: 4, platinum: 7, strategic: 12 };
  for (const partner of partners) {
    if (partner.status === 'prospect') continue;
    for (const [q, quarter] of SEED_QUARTERS.entries()) {
      const rng = Rng.for(plan.seed, `investment:${partner.key}`, q);
      if (partner.createdAt.getTime() > quarter.end.getTime()) continue;
      const categories = rng.sample(INVESTMENT_CATEGORIES, rng.int(1, 2));
      for (const category of categories) {
        const base = 2500 * tierScale[partner.tier] * (0.6 + rng.next() * 0.8);
        rows.push({
          id: rng.uuid(),
          partnerId: partner.id,
          periodStart: quarter.start,
          periodEnd: quarter.end,
          amount: centsToDecimal(Math.round(base) * 100),
          currency: 'USD',
          category,
          note: rng.chance(0.3) ? `${quarter.label} ${category.replace('_', ' ')} plan` : null,
        });
      }
    }
  }
  return rows;
}

// ---------------------------------------------------------------- accounts

interface GeneratedAccount {
  account: AccountRow;
  /** Partners present on the account: the "attached" signal. */
  partners: AccountPartnerRow[];
}

export function accountAt(plan: SeedPlan, partners: readonly PartnerRow[], index: number): GeneratedAccount {
  const rng = Rng.for(plan.seed, 'account', index);
  const combos = COMPANY_FIRST.length * COMPANY_SECOND.length;
  const c = (index * 7 + Math.floor(index / combos)) % combos;
  const first = COMPANY_FIRST[c % COMPANY_FIRST.length]!;
  const second = COMPANY_SECOND[Math.floor(c / COMPANY_FIRST.length)]!;
  const round = Math.floor(index / combos);
  const name = `${first} ${second}${round > 0 ? ` ${romanize(round + 1)}` : ''} ${rng.pick(COMPANY_SUFFIX)}`;
  const segment: Segment = rng.weighted<Segment>([
    ['enterprise', 2],
    ['mid_market', 3],
    ['smb', 5],
  ]);
  const account: AccountRow = {
    id: rng.uuid(),
    key: accountKey(index),
    name,
    // A few CRM accounts have no domain; that is real data.
    domain: rng.chance(0.03) ? null : `${slug(`${first}${second}`)}${round > 0 ? round + 1 : ''}.${rng.pick(TOP_LEVEL_DOMAINS)}`,
    segment,
    region: rng.weighted<string>(REGIONS.map((r, i) => [r, [5, 3, 2, 1][i]!] as const)),
    createdAt: new Date(WINDOW_START - rng.int(0, 1500) * DAY),
  };
  const present = rng.weighted<number>([
    [0, 3],
    [1, 3.5],
    [2, 2.5],
    [3, 1],
  ]);
  const attachable = partners.filter((p) => p.status !== 'prospect');
  const chosen = rng.sample(attachable, present);
  const accountPartners = chosen.map((p) => {
    const since = Math.max(p.createdAt.getTime(), WINDOW_START - rng.int(-300, 700) * DAY);
    const until = rng.chance(0.12) ? Math.min(AS_OF, since + rng.int(60, 500) * DAY) : null;
    return {
      id: rng.uuid(),
      accountId: account.id,
      partnerId: p.id,
      since: new Date(since),
      until: until === null ? null : new Date(until),
    };
  });
  return { account, partners: accountPartners };
}

/** Account-level signals (integration activation and usage) from technology and marketplace partners on the account. */
export function accountTouchpointsAt(
  plan: SeedPlan,
  partners: readonly PartnerRow[],
  generated: GeneratedAccount,
  index: number,
): TouchpointRow[] {
  const rng = Rng.for(plan.seed, 'account-touch', index);
  const byId = partnerIndex(partners);
  const rows: TouchpointRow[] = [];
  for (const link of generated.partners) {
    const partner = byId.get(link.partnerId)!;
    if (partner.type !== 'technology' && partner.type !== 'marketplace') continue;
    const start = Math.max(link.since.getTime(), WINDOW_START);
    const end = link.until ? link.until.getTime() : AS_OF;
    if (end <= start) continue;
    const events = rng.int(1, 3);
    for (let j = 0; j < events; j++) {
      const action: ActionType =
        partner.type === 'marketplace' ? 'marketplace_transaction' : j === 0 ? 'integration_activation' : 'integration_usage';
      const occurredAt = new Date(minute(start + rng.next() * (end - start)));
      const externalId = `EVT-A${index + 1}-${partner.key}-${j}`;
      rows.push({
        id: rng.uuid(),
        source: partner.type === 'marketplace' ? TOUCH_SOURCES.marketplace : TOUCH_SOURCES.product,
        externalId,
        opportunityId: null,
        accountId: generated.account.id,
        partnerId: partner.id,
        action,
        channel: CHANNEL_OF_ACTION[action]!,
        occurredAt,
        proof: `https://telemetry.example.com/integrations/${partner.key}/accounts/${generated.account.key}`,
        owner: partner.owner,
        nextJointStep: null,
        engagementDepth: clampDepth(DEPTH_OF_ACTION[action] + rng.int(-1, 1)),
        stageAtTouch: null,
        declaredRole: null,
        metadata:
          action === 'marketplace_transaction'
            ? { offer: `offer-${rng.int(1000, 9999)}` }
            : { activeUsers: rng.int(3, 400), apiCallsLast30d: rng.int(1_000, 2_000_000) },
        deletedAt: null,
      });
    }
  }
  return rows;
}

// ---------------------------------------------------------------- opportunities

export interface GeneratedOpportunity {
  opportunity: OpportunityRow;
  touchpoints: TouchpointRow[];
  scenario: Scenario;
}

const OPEN_STAGES = OPPORTUNITY_STAGES.slice(0, 5) as OpportunityStage[];
const CYCLE_DAYS: Record<Segment, readonly [number, number]> = { smb: [20, 90], mid_market: [45, 160], enterprise: [90, 280] };
const MEDIAN_AMOUNT: Record<Segment, number> = { smb: 12_000, mid_market: 48_000, enterprise: 190_000 };
const TYPE_FACTOR: Record<OpportunityType, number> = { new_business: 1, expansion: 0.45, renewal: 0.8 };
const ONCE_PER_DEAL = new Set<ActionType>([
  'referral',
  'deal_registration',
  'validated_intro',
  'marketplace_lead',
  'marketplace_transaction',
]);
const FOLLOW_UP_OF: Record<PartnerType, ActionType> = {
  reseller: 'joint_discovery',
  referral: 'buyer_recommendation',
  technology: 'buyer_recommendation',
  system_integrator: 'joint_discovery',
  marketplace: 'co_marketing',
  agency: 'content_engagement',
  msp: 'implementation_scoping',
  other: 'other',
};
const WIN_RATE: Record<OpportunityType, number> = { new_business: 0.3, expansion: 0.5, renewal: 0.82 };

export function opportunityAt(plan: SeedPlan, partners: readonly PartnerRow[], index: number): GeneratedOpportunity {
  const rng = Rng.for(plan.seed, 'opportunity', index);
  const forced = index < SCENARIOS.length ? SCENARIOS[index]! : undefined;
  const scenario: Scenario =
    forced ??
    rng.weighted<Scenario>([
      ['typical', 55],
      ['no_partner', 17],
      ['attached_only', 8],
      ['multi_partner', 8],
      ['touch_after_close', 4],
      ['duplicate_submission', 3],
      ['missing_proof', 3],
      ['soft_deleted', 2],
    ]);
  const accountIdx = forced ? forcedAccount(plan, partners, index, scenario) : pickAccount(rng, plan.accounts);
  const { account, partners: attached } = accountAt(plan, partners, accountIdx);
  const segment = (account.segment ?? 'smb') as Segment;

  const type: OpportunityType = rng.weighted<OpportunityType>([
    ['new_business', 5],
    ['expansion', 3],
    ['renewal', 2],
  ]);
  const [minCycle, maxCycle] = CYCLE_DAYS[segment];
  const mustClose = scenario === 'touch_after_close';
  // Some deals slip well past their plan; that keeps a realistic open pipeline.
  const slip = !mustClose && rng.chance(0.2) ? 1.5 + rng.next() * 1.5 : 1;
  const cycle = Math.round(rng.int(minCycle, maxCycle) * slip) * DAY;
  const latestCreate = mustClose ? AS_OF - cycle - 45 * DAY : AS_OF - 2 * DAY;
  // Pipeline grows quarter over quarter: creation dates lean towards the recent end.
  const createdAt =
    minute(WINDOW_START + rng.next() ** 0.75 * Math.max(DAY, latestCreate - WINDOW_START)) + rng.int(8 * 60, 18 * 60) * MINUTE;
  const due = createdAt + cycle;
  let stage: OpportunityStage;
  let closedAt: number | null = null;
  if (due <= AS_OF) {
    stage = rng.chance(WIN_RATE[type]) ? 'closed_won' : 'closed_lost';
    // Lost deals often die early.
    closedAt = stage === 'closed_lost' && rng.chance(0.4) ? createdAt + Math.round(cycle * (0.3 + rng.next() * 0.5)) : due;
    closedAt = minute(closedAt);
  } else {
    const progress = (AS_OF - createdAt) / cycle;
    stage = OPEN_STAGES[Math.min(4, Math.floor(progress * 5))]!;
  }
  const median = MEDIAN_AMOUNT[segment] * TYPE_FACTOR[type];
  let cents = Math.round(median * Math.exp(0.6 * rng.normal()) * 100);
  cents = Math.min(cents, 5_000_000_00);
  if (rng.chance(0.6)) cents = Math.max(100_00, Math.round(cents / 100_00) * 100_00);
  cents = Math.max(cents, 500_00);
  const opportunity: OpportunityRow = {
    id: rng.uuid(),
    key: opportunityKey(index),
    sourceSystem: 'crm',
    accountId: account.id,
    name: `${account.name.split(' ').slice(0, 2).join(' ')} — ${rng.pick(DEAL_NAME_PARTS[type])}`,
    type,
    amount: centsToDecimal(cents),
    currency: 'USD',
    stage,
    createdAt: new Date(createdAt),
    closedAt: closedAt === null ? null : new Date(closedAt),
    ownerRep: rng.chance(0.98) ? rng.pick(SALES_REPS) : null,
  };
  const touchpoints =
    scenario === 'no_partner' || scenario === 'attached_only'
      ? []
      : dealTouchpoints(plan, partners, rng, opportunity, index, scenario, attached);
  return { opportunity, touchpoints, scenario };
}

function dealTouchpoints(
  plan: SeedPlan,
  partners: readonly PartnerRow[],
  rng: Rng,
  opp: OpportunityRow,
  index: number,
  scenario: Scenario,
  attached: readonly AccountPartnerRow[],
): TouchpointRow[] {
  const k = plan.touchpointsPerOpportunity;
  if (k <= 0) return [];
  // 25% of deals carry no touch (no_partner, attached_only), so the rest average k / 0.75.
  const spread = Math.max(1, Math.round((2 * k) / 0.75) - 1);
  const count = scenario === 'multi_partner' ? Math.max(3, rng.int(1, spread)) : rng.int(1, spread);
  const created = opp.createdAt.getTime();
  const end = opp.closedAt ? opp.closedAt.getTime() : AS_OF;
  const span = Math.max(DAY, end - created);

  // Who works the deal: partners present on the account first, then others.
  const byId = partnerIndex(partners);
  const live = attached
    .filter((a) => a.since.getTime() <= end && (!a.until || a.until.getTime() >= created))
    .map((a) => byId.get(a.partnerId)!);
  const others = partners.filter((p) => p.status === 'active' || p.status === 'onboarding');
  const wanted = scenario === 'multi_partner' ? rng.int(3, 4) : rng.chance(0.3) ? 2 : 1;
  const crew: PartnerRow[] = [];
  for (const p of rng.sample(live, wanted)) crew.push(p);
  while (crew.length < Math.min(wanted, count)) {
    const p = rng.pick(others);
    if (!crew.includes(p)) crew.push(p);
  }

  const rows: TouchpointRow[] = [];
  const used = new Set<string>();
  for (let j = 0; j < count; j++) {
    const partner = crew[j % crew.length]!;
    // A partner refers or registers a deal once; repeat picks become follow-up work.
    let action = rng.weighted(ACTIONS_BY_PARTNER_TYPE[partner.type]);
    if (ONCE_PER_DEAL.has(action) && used.has(`${partner.id}:${action}`)) action = FOLLOW_UP_OF[partner.type];
    used.add(`${partner.id}:${action}`);
    const [from, to] = TIMING_OF_ACTION[action];
    const t = Math.min(AS_OF, minute(created + (from + rng.next() * (to - from)) * span));
    rows.push(touch(rng, opp, partner, action, t, index, j));
  }
  rows.sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime());

  // A little realistic mess in every kind of deal.
  for (const row of rows) {
    if (rng.chance(0.04)) row.proof = null;
    if (rng.chance(0.06)) row.owner = null;
  }
  const first = rows[0]!;
  switch (scenario) {
    case 'missing_proof':
      for (const row of rows) row.proof = null;
      break;
    case 'touch_after_close': {
      const closedAt = opp.closedAt!.getTime();
      const partner = byId.get(first.partnerId)!;
      const t = Math.min(AS_OF, closedAt + rng.int(1, 30) * DAY);
      const late = touch(
        rng,
        opp,
        partner,
        partner.type === 'system_integrator' ? 'implementation_scoping' : 'executive_alignment',
        t,
        index,
        count,
      );
      rows.push(late);
      break;
    }
    case 'duplicate_submission': {
      // The partner registered the deal in the portal and the rep logged the same action in the CRM.
      const twinSource = first.source === TOUCH_SOURCES.crm ? TOUCH_SOURCES.prm : TOUCH_SOURCES.crm;
      rows.push({
        ...first,
        id: rng.uuid(),
        source: twinSource,
        externalId: externalIdFor(twinSource, index, count),
        proof: proofFor(twinSource, externalIdFor(twinSource, index, count)),
        metadata: { ...first.metadata },
      });
      break;
    }
    case 'soft_deleted': {
      const victim = rows[rows.length - 1]!;
      victim.deletedAt = new Date(Math.min(AS_OF, victim.occurredAt.getTime() + rng.int(1, 20) * DAY));
      victim.metadata = {
        deletionReason: rng.pick([
          'logged on the wrong opportunity',
          'partner withdrew the registration',
          'duplicate of a portal submission',
        ]),
      };
      break;
    }
    default:
      break;
  }
  return rows;
}

function touch(
  rng: Rng,
  opp: OpportunityRow,
  partner: PartnerRow,
  action: ActionType,
  at: number,
  index: number,
  j: number,
): TouchpointRow {
  const source = action.startsWith('marketplace_')
    ? TOUCH_SOURCES.marketplace
    : action.startsWith('integration_')
      ? TOUCH_SOURCES.product
      : action === 'deal_registration' || action === 'referral'
        ? rng.chance(0.8)
          ? TOUCH_SOURCES.prm
          : TOUCH_SOURCES.crm
        : rng.chance(0.85)
          ? TOUCH_SOURCES.crm
          : TOUCH_SOURCES.prm;
  const externalId = externalIdFor(source, index, j);
  const ownerRoll = rng.next();
  return {
    id: rng.uuid(),
    source,
    externalId,
    opportunityId: opp.id,
    accountId: null,
    partnerId: partner.id,
    action,
    channel: CHANNEL_OF_ACTION[action] ?? DEFAULT_CHANNEL_OF_PARTNER[partner.type],
    occurredAt: new Date(at),
    proof: proofFor(source, externalId),
    owner: ownerRoll < 0.75 ? partner.owner : opp.ownerRep,
    nextJointStep: rng.chance(0.8) ? rng.pick(NEXT_JOINT_STEPS) : null,
    engagementDepth: clampDepth(DEPTH_OF_ACTION[action] + rng.int(-1, 1)),
    stageAtTouch: stageAt(opp, at),
    declaredRole: declaredRoleOf(source, externalId, action),
    metadata: {},
    deletedAt: null,
  };
}

/** The role a rep would declare for an action (the rules' vocabulary: origin, late-stage help, other movement). */
const ROLE_OF_ACTION: Partial<Record<ActionType, DeclaredRole>> = {
  referral: 'sourced',
  deal_registration: 'sourced',
  security_review: 'assisted_close',
  implementation_scoping: 'assisted_close',
  executive_alignment: 'assisted_close',
  validated_intro: 'influenced',
  joint_discovery: 'influenced',
  buyer_recommendation: 'influenced',
};

/**
 * Reps declare a partner role on about a third of the CRM touches; about one
 * declaration in eight claims a role the action does not support (a referral
 * claimed as influence, an intro claimed as sourcing), so influence accuracy
 * has disagreements to find. Derived from the touch's id, not drawn from the
 * PRNG, so every other generated value stays as it is.
 */
function declaredRoleOf(source: string, externalId: string, action: ActionType): DeclaredRole | null {
  const role = ROLE_OF_ACTION[action];
  if (source !== TOUCH_SOURCES.crm || role === undefined) return null;
  let h = 2166136261;
  for (let i = 0; i < externalId.length; i++) h = Math.imul(h ^ externalId.charCodeAt(i), 16777619) >>> 0;
  if (h % 3 !== 0) return null;
  if ((h >>> 8) % 8 !== 0) return role;
  return role === 'sourced' ? 'influenced' : 'sourced';
}

/** The stage the deal was in at time `at`; null before the opportunity existed. */
export function stageAt(opp: Pick<OpportunityRow, 'createdAt' | 'closedAt' | 'stage'>, at: number): OpportunityStage | null {
  const created = opp.createdAt.getTime();
  if (at < created) return null;
  if (opp.closedAt && at >= opp.closedAt.getTime()) return opp.stage;
  const end = opp.closedAt ? opp.closedAt.getTime() : AS_OF;
  const reached = opp.closedAt ? 4 : OPEN_STAGES.indexOf(opp.stage);
  const fraction = (at - created) / Math.max(1, end - created);
  return OPEN_STAGES[Math.min(reached, Math.floor(fraction * (reached + 1)))]!;
}

function externalIdFor(source: string, index: number, j: number): string {
  const n = `${index + 1}-${j}`;
  switch (source) {
    case TOUCH_SOURCES.crm:
      return `00T-${n}`;
    case TOUCH_SOURCES.prm:
      return `PRM-${n}`;
    case TOUCH_SOURCES.marketplace:
      return `MP-${n}`;
    default:
      return `EVT-${n}`;
  }
}

function proofFor(source: string, externalId: string): string {
  switch (source) {
    case TOUCH_SOURCES.crm:
      return `https://crm.example.com/lightning/r/Task/${externalId}/view`;
    case TOUCH_SOURCES.prm:
      return `https://partners.example.com/deal-registrations/${externalId}`;
    case TOUCH_SOURCES.marketplace:
      return `https://marketplace.example.com/private-offers/${externalId}`;
    default:
      return `https://telemetry.example.com/events/${externalId}`;
  }
}

function pickAccount(rng: Rng, accounts: number): number {
  // A third of deals concentrate on a few key accounts; the rest spread evenly.
  return rng.chance(0.33) ? Math.floor(accounts * rng.next() ** 3) : rng.int(0, accounts - 1);
}

/** Forced-scenario deals sit on an account with two or more current partners. */
function forcedAccount(plan: SeedPlan, partners: readonly PartnerRow[], index: number, scenario: Scenario): number {
  const start = (index * 37) % plan.accounts;
  for (let step = 0; step < plan.accounts; step++) {
    const candidate = (start + step) % plan.accounts;
    const live = accountAt(plan, partners, candidate).partners.filter((p) => p.until === null && p.since.getTime() < WINDOW_START);
    if (scenario === 'no_partner' ? live.length === 0 : live.length >= 2) return candidate;
  }
  return start;
}

// ---------------------------------------------------------------- helpers

const partnerIndexCache = new WeakMap<readonly PartnerRow[], Map<string, PartnerRow>>();
function partnerIndex(partners: readonly PartnerRow[]): Map<string, PartnerRow> {
  let map = partnerIndexCache.get(partners);
  if (!map) {
    map = new Map(partners.map((p) => [p.id, p]));
    partnerIndexCache.set(partners, map);
  }
  return map;
}

function minute(ms: number): number {
  return Math.floor(ms / MINUTE) * MINUTE;
}

function clampDepth(n: number): number {
  return Math.max(1, Math.min(5, n));
}

/** Integer cents to an exact two-place decimal string. */
function centsToDecimal(cents: number): string {
  if (!Number.isSafeInteger(cents)) throw new RangeError(`not a whole number of cents: ${cents}`);
  return formatAmount(BigInt(cents));
}

function slug(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

function romanize(n: number): string {
  const table: [number, string][] = [
    [10, 'X'],
    [9, 'IX'],
    [5, 'V'],
    [4, 'IV'],
    [1, 'I'],
  ];
  let out = '';
  for (const [v, s] of table)
    while (n >= v) {
      out += s;
      n -= v;
    }
  return out;
}

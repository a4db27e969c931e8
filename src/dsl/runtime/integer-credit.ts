// The credit of first_touch / last_touch / linear / none rules without
// weights, caps or floors, split on integer counts.
import type { ExplanationStep } from '../../domain/attribution.js';
import { ONE, ratio, ZERO } from '../../domain/rational.js';
import { allocateLaneByUnits } from '../allocate.js';
import { cachedText } from '../text-cache.js';
import { modelLabel, noWeightStep, type CreditModel, type PartnerLookup } from './credit.js';
import { num, numOf, pct } from './explanation.js';
import { described } from './prepare.js';

/**
 * Lists per partner for the few partners of one lane: parallel arrays with a
 * linear search, cheaper than Maps at this size.
 */
class PartnerLists<T> implements PartnerLookup<T[]> {
  constructor(
    private readonly keys: readonly string[],
    private readonly lists: readonly T[][],
  ) {}
  get(partnerKey: string): T[] | undefined {
    const list = this.lists[this.keys.indexOf(partnerKey)];
    return list !== undefined && list.length > 0 ? list : undefined;
  }
}

/** num(1/n) and pct(1/n): the weight and lane share of one of n linear touches, composed once per n. */
const oneInShown = cachedText((n: number) => num(ratio(1n, BigInt(n))));
const oneInPercent = cachedText((n: number) => pct(ratio(1n, BigInt(n))));

const NUM_ONE = num(ONE);
const NUM_ZERO = num(ZERO);
const PCT_ONE = pct(ONE);
const PCT_ZERO = pct(ZERO);

/**
 * first_touch / last_touch / linear / none with no weights, caps or floors:
 * every touch weighs 1 or 0, so a partner's fraction of the lane is
 * (its weighted touches) / (all weighted touches) and the lane is split by
 * largest remainder on those integer counts. Same results as exactCredit
 * (property-tested), without rational arithmetic per touch.
 */
export const integerCredit: CreditModel = (rule, lane, p, selected, excluded, excludedData) => {
  const q = p.qualifying;
  const n = selected.length;
  const kind = rule.credit.kind;
  // Shown weights, the same for every weighted touch of the lane.
  const linearShown = kind === 'linear' ? oneInShown(n) : NUM_ONE;
  const baseShown = kind === 'none' ? NUM_ZERO : linearShown;
  const ofLaneShown = baseShown;
  const ofLanePct = kind === 'none' ? PCT_ZERO : kind === 'linear' ? oneInPercent(n) : PCT_ONE;
  const order: string[] = [];
  const counts: number[] = [];
  const stepLists: ExplanationStep[][] = [];
  const idLists: string[][] = [];
  let weighted = 0;
  for (let j = 0; j < n; j++) {
    const i = selected[j]!;
    const t = q[i]!;
    const k = t.partner.key;
    let x = order.indexOf(k);
    if (x < 0) {
      x = order.length;
      order.push(k);
      counts.push(0);
      stepLists.push([]);
      idLists.push([]);
    }
    const w = kind === 'linear' ? 1 : kind === 'first_touch' ? (j === 0 ? 1 : 0) : kind === 'last_touch' ? (j === n - 1 ? 1 : 0) : 0;
    if (w === 0 && kind !== 'none') {
      excluded.push(noWeightStep(rule, p, i, j, n, excludedData, ''));
      continue;
    }
    idLists[x]!.push(t.id);
    counts[x]! += w;
    weighted += w;
    stepLists[x]!.push({
      kind: 'included',
      touchpointId: t.id,
      data: { baseWeight: w === 0 ? NUM_ZERO : baseShown, weight: w === 0 ? NUM_ZERO : ofLaneShown },
      message: `${described(p, i)} counts: ${rule.creditText} weight ${w === 0 ? NUM_ZERO : baseShown} (${modelLabel(rule, j, n)}) → ${w === 0 ? PCT_ZERO : ofLanePct} of the lane`,
    });
  }
  const steps = new PartnerLists(order, stepLists);
  const touchIds = new PartnerLists(order, idLists);
  const credited: Array<{ key: string; units: number }> = [];
  for (let x = 0; x < order.length; x++) if (counts[x]! > 0) credited.push({ key: order[x]!, units: counts[x]! });
  const alloc = allocateLaneByUnits(p.amountCents, lane.grants, credited, weighted);
  const grants = lane.grants;
  const total = BigInt(weighted);
  return {
    order,
    steps,
    touchIds,
    alloc,
    noCredit: weighted === 0,
    // Exact credit in cents is grants x units / total x amount; integer arithmetic decides whether it was rounded.
    rounded: (a, index) => {
      const exactNum = grants.num * BigInt(credited[index]!.units) * p.amountCents;
      const exactDen = grants.den * total;
      if (exactNum % exactDen === 0n && exactNum / exactDen === a.cents) return null;
      return numOf(exactNum, exactDen * 100n);
    },
  };
};

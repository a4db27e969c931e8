// Texts of a lane that do not depend on the facts, composed once per compiled
// lane (on its first evaluation) and kept with it.
import type { TouchContext } from '../conditions.js';
import { cachedText, CombinedText } from '../text-cache.js';
import type { CompiledLane } from './compiled.js';

/** Texts of a lane that do not depend on the facts, composed on its first evaluation. */
export interface LanePlan {
  /** Per rule (hit-policy order): `lane X, rule "R": ` */
  excludedPrefix: string[];
  /** Per rule: "hit policy …" as explanations name it. */
  policyText: string[];
  /** Per rule: ` does not count because ${why}`, cached by why when the rule's condition is stable. */
  doesNotCount: Array<(why: string) => string>;
  /** ` meets no rule — "A": …; "B": …` for a touch no rule of the lane matched. */
  meetsNoRule: (ctx: TouchContext) => string;
}

const lanePlans = new WeakMap<CompiledLane, LanePlan>();

export function planOf(lane: CompiledLane): LanePlan {
  let plan = lanePlans.get(lane);
  if (plan) return plan;
  const laneText = `lane ${lane.lane}`;
  const withCondition = lane.rules.filter((r) => r.when);
  const names = withCondition.map((r) => `"${r.name}": `);
  const whys = withCondition.map((r) => r.when!.why);
  const composeNoRule = (texts: readonly string[]): string => {
    let out = ' meets no rule — ';
    for (let r = 0; r < texts.length; r++) out += (r > 0 ? '; ' : '') + names[r]! + texts[r]!;
    return out;
  };
  let meetsNoRule: LanePlan['meetsNoRule'];
  if (withCondition.every((r) => r.when!.stable)) {
    const combined = new CombinedText(composeNoRule);
    const texts: string[] = new Array<string>(whys.length);
    meetsNoRule = (ctx) => {
      for (let r = 0; r < whys.length; r++) texts[r] = whys[r]!(ctx);
      return combined.get(texts);
    };
  } else {
    meetsNoRule = (ctx) => {
      let out = ' meets no rule — ';
      for (let r = 0; r < whys.length; r++) out += (r > 0 ? '; ' : '') + names[r]! + whys[r]!(ctx);
      return out;
    };
  }
  const compose = (why: string) => ` does not count because ${why}`;
  plan = {
    excludedPrefix: lane.rules.map((r) => `${laneText}, rule "${r.name}": `),
    policyText: lane.rules.map((r) =>
      lane.policy === 'priority' ? `hit policy priority, priority ${r.priority}` : `hit policy ${lane.policy}`,
    ),
    doesNotCount: lane.rules.map((r) => (r.when?.stable ? cachedText(compose) : compose)),
    meetsNoRule,
  };
  lanePlans.set(lane, plan);
  return plan;
}

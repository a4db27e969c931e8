// Stage: lanes. Each lane is a known lane declared once, grants a percentage
// of at most 100%, names a known hit policy and has rules; its `otherwise`
// comes once and last; its rules have distinct names and the priorities the
// hit policy asks for (each rule: rules.ts); then which rules can never apply
// or overlap under the hit policy. A file without lanes grants nothing.
import type * as A from '../ast.js';
import { lanes } from '../ast.js';
import { didYouMean } from '../diagnostics.js';
import { fractionOf } from '../literals.js';
import { cmp, ratio } from '../../domain/rational.js';
import { HIT_POLICIES, LANES, OTHERWISE_CREDIT } from '../schema.js';
import { describe, report, type CheckContext } from './context.js';
import { checkRole } from './declarations.js';
import { checkRule } from './rules.js';
import { provablyFalse } from './truth.js';

export function checkLanes(file: A.RuleFile, ctx: CheckContext): void {
  for (const lane of lanes(file)) {
    if (ctx.laneNames.has(lane.name.name))
      report(
        ctx,
        'duplicate-lane',
        'error',
        `lane \`${lane.name.name}\` is declared twice`,
        lane.name.range,
        "put all of a lane's rules in one block",
      );
    ctx.laneNames.add(lane.name.name);
    checkLane(ctx, lane);
  }
  if (lanes(file).length === 0 && file.header) {
    report(
      ctx,
      'no-lanes',
      'error',
      'this rule set has no lanes, so it grants no credit',
      file.header.range,
      'add e.g. lane influence grants 100% { rule "…" { credit linear } }',
    );
  }
}

function checkLane(ctx: CheckContext, lane: A.LaneDecl): void {
  const name = lane.name.name;
  if (!(LANES as readonly string[]).includes(name)) {
    report(ctx, 'unknown-lane', 'error', `there is no lane \`${name}\``, lane.name.range, didYouMean(name, LANES, 'lanes'));
  }
  const g = lane.grants;
  if (g) {
    if (g.kind !== 'number' || g.unit !== '%') {
      report(
        ctx,
        'unit-mismatch',
        'error',
        `a lane grants a percentage of the amount, not ${describe(g)}`,
        g.range,
        g.kind === 'number' ? `write ${g.text}%` : 'e.g. grants 100%',
      );
    } else {
      const f = fractionOf(g);
      if (f && cmp(f, ratio(1n)) > 0) {
        report(
          ctx,
          'lane-over-100',
          'error',
          `lane \`${name}\` grants ${g.text}%, more than the whole amount`,
          g.range,
          'a lane grants at most 100% of the opportunity amount',
        );
      }
    }
  }
  const policy = lane.hitPolicy?.name ?? 'first';
  if (lane.hitPolicy && !(HIT_POLICIES as readonly string[]).includes(policy)) {
    report(
      ctx,
      'unknown-hit-policy',
      'error',
      `unknown hit policy \`${policy}\``,
      lane.hitPolicy.range,
      didYouMean(policy, HIT_POLICIES, 'hit policies'),
    );
  }
  const rules = lane.items.filter((i): i is A.RuleDecl => i.kind === 'rule');
  const otherwise = lane.items.filter((i): i is A.OtherwiseDecl => i.kind === 'otherwise');
  if (rules.length === 0 && otherwise.length === 0) {
    report(
      ctx,
      'empty-lane',
      'warning',
      `lane \`${name}\` has no rules, so it never grants credit`,
      lane.name.range,
      'add a rule, or remove the lane',
    );
  }
  otherwise.forEach((o, i) => {
    if (i > 0) report(ctx, 'duplicate-otherwise', 'error', 'a lane has at most one `otherwise`', o.range, 'keep one otherwise line');
    if (lane.items[lane.items.length - 1] !== o)
      report(
        ctx,
        'otherwise-not-last',
        'error',
        '`otherwise` must come after every rule of the lane',
        o.range,
        'move it to the end of the lane',
      );
    checkRole(ctx, o.role);
    if (o.credit && !(OTHERWISE_CREDIT as readonly string[]).includes(o.credit.name)) {
      report(
        ctx,
        'unknown-model',
        'error',
        `otherwise can credit \`none\` or \`even\`, not \`${o.credit.name}\``,
        o.credit.range,
        "even splits the lane between the account's partners",
      );
    }
    if (o.credit?.name === 'even' && !o.accountPartners) {
      report(
        ctx,
        'otherwise-no-partners',
        'error',
        '`credit even` needs partners to share it',
        o.credit.range,
        'write: otherwise role attached for partners on account credit even',
      );
    }
  });
  const names = new Map<string, A.RuleDecl>();
  const priorities = new Map<string, A.RuleDecl>();
  for (const r of rules) {
    if (names.has(r.name.text))
      report(
        ctx,
        'duplicate-rule',
        'error',
        `lane \`${name}\` has two rules named "${r.name.text}"`,
        r.name.range,
        'give each rule its own name',
      );
    names.set(r.name.text, r);
    if (policy === 'priority') {
      if (!r.priority)
        report(
          ctx,
          'missing-priority',
          'error',
          `rule "${r.name.text}" needs a priority under hit policy priority`,
          r.name.range,
          'add e.g. priority 1 (1 wins over 2)',
        );
    } else if (r.priority) {
      report(
        ctx,
        'priority-ignored',
        'warning',
        `the priority of "${r.name.text}" is ignored under hit policy ${policy}`,
        r.priority.range,
        'use hit policy priority, or remove the priority',
      );
    }
    if (r.priority) {
      if (r.priority.kind !== 'number' || r.priority.unit !== null || !/^\d+$/.test(r.priority.text)) {
        report(ctx, 'type-mismatch', 'error', 'a priority is a whole number', r.priority.range, 'e.g. priority 1');
      } else if (policy === 'priority') {
        const other = priorities.get(r.priority.text);
        if (other)
          report(
            ctx,
            'same-priority',
            'warning',
            `"${r.name.text}" and "${other.name.text}" share priority ${r.priority.text}`,
            r.priority.range,
            'the one written first wins; give them different priorities',
          );
        else priorities.set(r.priority.text, r);
      }
    }
    checkRule(ctx, r, name);
  }
  checkReachability(ctx, rules, policy);
}

/** Rules that can never apply (after a rule without condition), conditions that can never hold, and rules whose conditions overlap under the hit policy. */
function checkReachability(ctx: CheckContext, rules: A.RuleDecl[], policy: string): void {
  const order = policy === 'priority' ? [...rules].sort((a, b) => prio(a) - prio(b)) : rules;
  let catchAll: A.RuleDecl | null = null;
  for (const r of order) {
    if (catchAll) {
      report(
        ctx,
        'unreachable-rule',
        'warning',
        `rule "${r.name.text}" can never apply: "${catchAll.name.text}" matches every touch first`,
        r.name.range,
        'add a condition to the earlier rule, or reorder the rules',
      );
      continue;
    }
    if (r.when && provablyFalse(ctx, r.when)) {
      report(
        ctx,
        'always-false',
        'warning',
        `the condition of "${r.name.text}" can never be true`,
        r.when.range,
        'two parts of it contradict each other',
      );
    }
    if (!r.when) catchAll = r;
  }
  // Overlaps.
  for (let i = 0; i < order.length; i++) {
    for (let j = i + 1; j < order.length; j++) {
      const a = order[i]!;
      const b = order[j]!;
      if (!a.when || !b.when) continue; // covered by unreachable-rule
      const both: A.Condition = { kind: 'and', operands: [a.when, b.when], range: b.range };
      if (provablyFalse(ctx, both)) continue;
      if (policy === 'unique') {
        report(
          ctx,
          'overlapping-rules',
          'warning',
          `rules "${a.name.text}" and "${b.name.text}" can both match the same touch, but hit policy unique expects one`,
          b.name.range,
          'make the conditions exclusive, or use hit policy first or priority',
        );
      } else if (policy === 'first') {
        report(
          ctx,
          'overlapping-rules',
          'info',
          `rules "${a.name.text}" and "${b.name.text}" can both match; "${a.name.text}" wins because it comes first`,
          b.name.range,
          'this is fine when intended; reorder the rules to change the winner',
        );
      }
    }
  }
}

function prio(r: A.RuleDecl): number {
  const p = r.priority && r.priority.kind === 'number' ? Number(r.priority.text) : Number.POSITIVE_INFINITY;
  return Number.isFinite(p) ? p : Number.MAX_SAFE_INTEGER;
}

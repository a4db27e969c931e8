// One rule of a lane: its condition, then its statements (each at most once,
// weights excepted): a known role, selection and credit model, weights by a
// known dimension with plain factors, cap and floor as percentages with the
// floor at most the cap; advice when settings do nothing or credit is implicit.
import type * as A from '../ast.js';
import { didYouMean } from '../diagnostics.js';
import { fractionOf, interpretCredit, type CreditSpec } from '../literals.js';
import { cmp, ratio } from '../../domain/rational.js';
import { CREDIT_MODELS, SELECT_MODES, WEIGHT_DIMENSIONS } from '../schema.js';
import { describe, report, valueKey, type CheckContext } from './context.js';
import { checkCondition } from './conditions.js';
import { checkRole } from './declarations.js';
import { checkValueOfType } from './values.js';

export function checkRule(ctx: CheckContext, r: A.RuleDecl, laneName: string): void {
  if (r.when) checkCondition(ctx, r.when);
  const seen = new Map<string, A.RuleStatement>();
  let credit: CreditSpec | null = null;
  let cap: A.Value | null = null;
  let floor: A.Value | null = null;
  for (const s of r.body) {
    if (seen.has(s.kind) && s.kind !== 'weight') {
      report(ctx, 'duplicate-statement', 'error', `rule "${r.name.text}" says \`${s.kind}\` twice`, s.range, 'keep one');
    }
    seen.set(s.kind, s);
    switch (s.kind) {
      case 'role':
        checkRole(ctx, s.role);
        break;
      case 'select':
        if (!(SELECT_MODES as readonly string[]).includes(s.mode.name)) {
          report(
            ctx,
            'unknown-select',
            'error',
            `unknown selection \`${s.mode.name}\``,
            s.mode.range,
            didYouMean(s.mode.name, SELECT_MODES, 'selections'),
          );
        }
        break;
      case 'credit': {
        if (!(CREDIT_MODELS as readonly string[]).includes(s.model.name.name)) {
          report(
            ctx,
            'unknown-model',
            'error',
            `unknown credit model \`${s.model.name.name}\``,
            s.model.name.range,
            didYouMean(s.model.name.name, CREDIT_MODELS, 'credit models'),
          );
          break;
        }
        const res = interpretCredit(s.model);
        if (!res.ok) report(ctx, res.code, 'error', res.message, res.range, res.hint);
        else credit = res.spec;
        break;
      }
      case 'weight':
        checkWeight(ctx, s);
        break;
      case 'cap':
      case 'floor': {
        const v = s.amount;
        if (v.kind !== 'number' || v.unit !== '%') {
          report(
            ctx,
            'unit-mismatch',
            'error',
            `a ${s.kind} is a percentage of the lane, not ${describe(v)}`,
            v.range,
            v.kind === 'number' ? `write ${v.text}%` : 'e.g. 60%',
          );
        } else {
          const f = fractionOf(v);
          if (f && (cmp(f, ratio(1n)) > 0 || (s.kind === 'cap' && f.num === 0n))) {
            report(
              ctx,
              'percent-range',
              'error',
              `a ${s.kind} must be between 0% and 100%`,
              v.range,
              s.kind === 'cap' ? 'e.g. cap partner 60%' : 'e.g. floor partner 10%',
            );
          } else if (s.kind === 'cap') cap = v;
          else floor = v;
        }
        break;
      }
    }
  }
  if (cap && floor) {
    const c = fractionOf(cap)!;
    const f = fractionOf(floor)!;
    if (cmp(f, c) > 0)
      report(
        ctx,
        'floor-above-cap',
        'error',
        `the floor (${floor.kind === 'number' ? floor.text : ''}%) is above the cap (${cap.kind === 'number' ? cap.text : ''}%)`,
        floor.range,
        'a floor must be at most the cap',
      );
  }
  const kind = (credit as CreditSpec | null)?.kind;
  if (kind === 'none' && (cap || floor || r.body.some((s) => s.kind === 'weight'))) {
    report(
      ctx,
      'unused-setting',
      'warning',
      `rule "${r.name.text}" grants no credit, so its weights, cap and floor do nothing`,
      r.name.range,
      'remove them, or choose a credit model',
    );
  }
  if (!seen.has('credit')) {
    report(
      ctx,
      'missing-credit',
      'info',
      `rule "${r.name.text}" does not say how credit is shared; it uses linear`,
      r.name.range,
      'add e.g. credit linear',
    );
  }
  if (!seen.has('role') && laneName !== 'source' && laneName !== 'influence') {
    report(ctx, 'missing-role', 'error', `rule "${r.name.text}" needs a role`, r.name.range, 'add e.g. role influenced');
  }
}

function checkWeight(ctx: CheckContext, s: A.RuleStatement & { kind: 'weight' }): void {
  const dim = WEIGHT_DIMENSIONS.get(s.dimension.name);
  if (!dim) {
    report(
      ctx,
      'unknown-weight',
      'error',
      `cannot weigh by \`${s.dimension.name}\``,
      s.dimension.range,
      didYouMean(s.dimension.name, [...WEIGHT_DIMENSIONS.keys()], 'weight dimensions'),
    );
    return;
  }
  const seen = new Set<string>();
  for (const e of s.entries) {
    if (dim.type.kind === 'number') {
      if (!e.bound)
        report(
          ctx,
          'missing-bound',
          'error',
          `a ${dim.name} weight needs \`at least\` or \`at most\``,
          e.value.range,
          `e.g. weight ${dim.name} at least 4 by 1.2`,
        );
      checkValueOfType(ctx, dim.name, dim.type, e.value);
    } else {
      if (e.bound)
        report(
          ctx,
          'type-mismatch',
          'error',
          `\`at least\`/\`at most\` only apply to numbers such as depth`,
          e.range,
          `write: weight ${dim.name} <value> <factor>`,
        );
      checkValueOfType(ctx, dim.name, dim.type, e.value);
    }
    const k = `${e.bound ?? ''}${valueKey(e.value)}`;
    if (seen.has(k))
      report(ctx, 'duplicate-value', 'warning', `${valueKey(e.value)} is weighted twice`, e.value.range, 'keep one weight per value');
    seen.add(k);
    const f = e.factor;
    if (f.kind !== 'number' || f.unit !== null) {
      report(
        ctx,
        'unit-mismatch',
        'error',
        `a weight is a plain multiplier, not ${describe(f)}`,
        f.range,
        f.kind === 'number' ? `write ${f.text} (1 = normal, 2 = double)` : 'e.g. 1.5',
      );
    }
  }
}

// Static truth analysis: can a condition never hold? Conservative (false
// means "maybe"); definitions are expanded, nested ands flattened into atoms
// and the atoms compared on enum/text values and presence.
import type * as A from '../ast.js';
import { FIELDS } from '../schema.js';
import { pathOf, valueKey, type CheckContext } from './context.js';

/** True when the condition can never hold (conservative: false means "maybe"). */
export function provablyFalse(ctx: CheckContext, c: A.Condition, depth = 0): boolean {
  if (depth > 20) return false;
  switch (c.kind) {
    case 'or':
      return c.operands.every((o) => provablyFalse(ctx, o, depth + 1));
    case 'and': {
      const atoms = conjuncts(ctx, c, depth);
      if (atoms.some((a) => provablyFalse(ctx, a, depth + 1) && a.kind !== 'and')) return true;
      return contradictory(atoms);
    }
    case 'ref': {
      const d = ctx.defines.get(c.name.name);
      return d?.condition ? provablyFalse(ctx, d.condition, depth + 1) : false;
    }
    case 'in':
      return !c.negated && c.values.length === 0;
    case 'presence': {
      const f = FIELDS.get(pathOf(c.field));
      return f !== undefined && !f.optional && !c.present;
    }
    default:
      return false;
  }
}

/** Flattens nested ands and definitions into atoms. */
function conjuncts(ctx: CheckContext, c: A.Condition, depth: number, seen = new Set<string>()): A.Condition[] {
  if (depth > 20) return [c];
  if (c.kind === 'and') return c.operands.flatMap((o) => conjuncts(ctx, o, depth + 1, seen));
  if (c.kind === 'ref' && !seen.has(c.name.name)) {
    const d = ctx.defines.get(c.name.name);
    if (d?.condition) {
      seen.add(c.name.name);
      return conjuncts(ctx, d.condition, depth + 1, seen);
    }
  }
  return [c];
}

/** Do these conjuncts contradict each other on some enum/text field or presence? */
function contradictory(atoms: A.Condition[]): boolean {
  const allowed = new Map<string, Set<string>>();
  const forbidden = new Map<string, Set<string>>();
  const presence = new Map<string, boolean>();
  const restrict = (field: string, values: string[]) => {
    const cur = allowed.get(field);
    allowed.set(field, new Set(cur ? values.filter((v) => cur.has(v)) : values));
  };
  const forbid = (field: string, values: string[]) => {
    const cur = forbidden.get(field) ?? new Set<string>();
    for (const v of values) cur.add(v);
    forbidden.set(field, cur);
  };
  const setPresence = (field: string, present: boolean): boolean => {
    if (presence.has(field) && presence.get(field) !== present) return true;
    presence.set(field, present);
    return false;
  };
  for (const a of atoms) {
    if (a.kind === 'compare' && (a.op === 'is' || a.op === '=' || a.op === 'is not' || a.op === '!=')) {
      if (a.value.kind !== 'name' && a.value.kind !== 'string') continue;
      const field = pathOf(a.field);
      const v = valueKey(a.value);
      if (a.op === 'is' || a.op === '=') {
        restrict(field, [v]);
        if (setPresence(field, true)) return true;
      } else forbid(field, [v]);
    } else if (a.kind === 'in') {
      const field = pathOf(a.field);
      const vs = a.values.map(valueKey);
      if (a.negated) forbid(field, vs);
      else {
        restrict(field, vs);
        if (setPresence(field, true)) return true;
      }
    } else if (a.kind === 'presence') {
      if (setPresence(pathOf(a.field), a.present)) return true;
    } else if (a.kind === 'onAccount') {
      if (setPresence('partner on account', !a.negated)) return true;
    }
  }
  for (const [field, set] of allowed) {
    const no = forbidden.get(field);
    const left = [...set].filter((v) => !no?.has(v));
    if (left.length === 0) return true;
  }
  return false;
}

// Meaning of literals shared by the checker and the compiler: numbers with
// units, percentages, calendar dates and credit-model arguments.
import type * as A from './ast.js';
import { cmp, parseRatio, ratio, sum, div, type Ratio } from '../domain/rational.js';
import { U_SHAPED_DEFAULT, W_SHAPED_DEFAULT, type BuiltinModel } from './models.js';

export type CreditSpec = BuiltinModel | { kind: 'even' } | { kind: 'none' };

export function isValidDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/** A business date (YYYY-MM-DD) as UTC midnight. */
export function dateOf(text: string): Date {
  return new Date(`${text}T00:00:00.000Z`);
}

export function decimalOf(v: A.Value): Ratio | null {
  if (v.kind !== 'number') return null;
  try {
    return parseRatio(v.text);
  } catch {
    return null;
  }
}

/** 40% -> 2/5 (a fraction of the whole). */
export function fractionOf(v: A.Value): Ratio | null {
  const d = decimalOf(v);
  return d ? div(d, ratio(100n)) : null;
}

export const unitName = (u: A.Unit): string => (u === '%' ? 'a percentage' : u === 'days' ? 'a number of days' : 'a plain number');

type CreditResult = { ok: true; spec: CreditSpec } | { ok: false; message: string; hint: string; range: A.SourceRange; code: string };

function fail(code: string, message: string, hint: string, range: A.SourceRange): CreditResult {
  return { ok: false, code, message, hint, range };
}

/** Interprets `credit <model> <args>`; the checker reports failures, the compiler trusts successes. */
export function interpretCredit(m: A.CreditModel): CreditResult {
  const name = m.name.name;
  const args = m.args;
  const plain = ['first_touch', 'last_touch', 'linear', 'even', 'none'];
  if (plain.includes(name)) {
    if (args.length > 0) return fail('bad-model-arguments', `\`${name}\` takes no settings`, `write just: credit ${name}`, args[0]!.range);
    return { ok: true, spec: { kind: name as 'linear' } };
  }
  if (name === 'u_shaped' || name === 'w_shaped') {
    const def = name === 'u_shaped' ? U_SHAPED_DEFAULT : W_SHAPED_DEFAULT;
    if (args.length === 0) return { ok: true, spec: { kind: name, ...def } };
    const example = name === 'u_shaped' ? '40/20/40' : '30/30/30';
    const nums = args.filter((_a, i) => i % 2 === 0);
    const slashes = args.filter((_a, i) => i % 2 === 1);
    const shapeOk =
      args.length === 5 &&
      nums.every((a) => 'kind' in a && a.kind === 'number' && (a.unit === null || a.unit === '%')) &&
      slashes.every((a) => !('kind' in a) && a.name === '/');
    if (!shapeOk) {
      return fail(
        'bad-model-arguments',
        `\`${name}\` takes three percentages: first/middle/last`,
        `e.g. credit ${name} ${example}`,
        args[0]!.range,
      );
    }
    const [first, middle, last] = nums.map((a) => div(parseRatio((a as A.Value & { kind: 'number' }).text), ratio(100n))) as [
      Ratio,
      Ratio,
      Ratio,
    ];
    const total = sum([first, middle, last]);
    if (name === 'u_shaped' && cmp(total, ratio(1n)) !== 0) {
      return fail(
        'percent-sum',
        `u_shaped percentages add up to ${Number((total.num * 10000n) / total.den) / 100}%, not 100%`,
        'first + middle + last must be exactly 100, e.g. 40/20/40',
        m.range,
      );
    }
    if (name === 'w_shaped' && cmp(total, ratio(1n)) > 0) {
      return fail(
        'percent-sum',
        `w_shaped percentages add up to more than 100%`,
        'first + middle + last must be at most 100; the rest is shared by the other touches',
        m.range,
      );
    }
    if (total.num === 0n) return fail('percent-sum', `${name} percentages are all zero`, `e.g. credit ${name} ${example}`, m.range);
    return { ok: true, spec: { kind: name, first, middle, last } };
  }
  if (name === 'time_decay') {
    const words = args.filter((a) => !('kind' in a)).map((a) => (a as A.Ident).name);
    const q = args.find((a): a is A.Value => 'kind' in a);
    const wordsOk = words.length === 0 || (words.length === 2 && words[0] === 'half' && words[1] === 'life');
    if (!q || !wordsOk || q.kind !== 'number') {
      return fail(
        'bad-model-arguments',
        '`time_decay` needs a half-life in days',
        'e.g. credit time_decay half life 7 days',
        args[0]?.range ?? m.range,
      );
    }
    if (q.unit !== 'days') {
      return fail('unit-mismatch', `the half-life must be a number of days, not ${unitName(q.unit)}`, `write ${q.text} days`, q.range);
    }
    const h = Number(q.text);
    if (!(h > 0)) return fail('bad-model-arguments', 'the half-life must be more than 0 days', 'e.g. half life 7 days', q.range);
    return { ok: true, spec: { kind: 'time_decay', halfLifeDays: h } };
  }
  return fail('unknown-model', `unknown credit model \`${name}\``, '', m.name.range);
}

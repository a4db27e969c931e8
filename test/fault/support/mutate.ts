// Random and mutated inputs for the fuzz tests: rule files and GraphQL
// documents. Deterministic for a seed so a failure can be replayed (the seed
// is in the assertion message).
import { seededRandom, type Random } from '../../../bench/lib/prng.js';

export { seededRandom, type Random };

/** Fragments a rules-language file is made of, valid or not in context. */
export const RULE_WORDS = [
  'ruleset',
  'version',
  'effective',
  'from',
  'to',
  'description',
  'define',
  'as',
  'of',
  'lane',
  'grants',
  'hit',
  'policy',
  'rule',
  'priority',
  'when',
  'role',
  'roles',
  'select',
  'credit',
  'weight',
  'cap',
  'floor',
  'otherwise',
  'for',
  'test',
  'given',
  'expect',
  'and',
  'or',
  'not',
  'in',
  'is',
  'present',
  'missing',
  'within',
  'days',
  'day',
  'before',
  'after',
  'no',
  'later',
  'earlier',
  'than',
  'by',
  'at',
  'least',
  'most',
  'on',
  'share',
  'owner',
  'partner',
  'partners',
  'account',
  'amount',
  'source',
  'influence',
  'sourced',
  'influenced',
  'attached',
  'assisted_close',
  'unattributed',
  'disputed',
  'touch',
  'touches',
  'action',
  'channel',
  'proof',
  'stage',
  'closed_won',
  'referral',
  'deal_registration',
  'co_sell',
  'first',
  'last',
  'equal',
  'each',
  'opportunity',
  'tier',
  'type',
  'engagement_depth',
  'occurred_at',
  'created_at',
];
const PUNCT = [
  '{',
  '}',
  '(',
  ')',
  '[',
  ']',
  ',',
  '.',
  '/',
  '%',
  '!=',
  '<=',
  '>=',
  '<',
  '>',
  '=',
  '≠',
  '≤',
  '≥',
  ':',
  ';',
  '"',
  '\\',
  '#',
  '--',
];
const LITERALS = [
  '0',
  '1',
  '100',
  '0.5',
  '99999999999999999999',
  '1e9',
  '-1',
  '2026-01-01',
  '2026-13-45',
  '"x"',
  '"unterminated',
  '""',
  '"\\n"',
  '30',
  '100%',
  '0.000001',
];
const GARBAGE = [
  '\u0000',
  '\u00a0',
  '\ufeff',
  '\u202e',
  '😀',
  '\t',
  '\r',
  '\r\n',
  '\n\n',
  'é',
  '\u2028',
  '\udc00',
  '@',
  '$',
  '`',
  '~',
  '^',
  '&',
  '|',
  '*',
  '+',
  '?',
  '!',
];

export function randomToken(rnd: Random): string {
  const r = rnd.next();
  if (r < 0.55) return rnd.pick(RULE_WORDS);
  if (r < 0.8) return rnd.pick(PUNCT);
  if (r < 0.93) return rnd.pick(LITERALS);
  return rnd.pick(GARBAGE);
}

/** A file of random tokens with random whitespace and line breaks. */
export function randomRuleFile(rnd: Random, maxTokens = 120): string {
  const n = rnd.int(0, maxTokens);
  let out = '';
  for (let i = 0; i < n; i++) {
    out += randomToken(rnd);
    const ws = rnd.next();
    out += ws < 0.7 ? ' ' : ws < 0.9 ? '\n' : ws < 0.95 ? '\n  ' : '';
  }
  return out;
}

/** One random edit of `source`: delete, duplicate, insert, replace, swap lines, truncate. */
export function mutateOnce(rnd: Random, source: string): string {
  const len = source.length;
  const at = rnd.int(0, len);
  const span = rnd.int(1, Math.max(1, Math.min(40, len)));
  switch (rnd.int(0, 8)) {
    case 0:
      return source.slice(0, at) + source.slice(at + span); // delete a range
    case 1:
      return source.slice(0, at) + source.slice(at, at + span) + source.slice(at); // duplicate a range
    case 2:
      return source.slice(0, at) + randomToken(rnd) + source.slice(at); // insert a token
    case 3:
      return `${source.slice(0, at)} ${randomToken(rnd)} ${source.slice(at + span)}`; // replace a range
    case 4: {
      // swap two lines
      const lines = source.split('\n');
      if (lines.length < 2) return source + randomToken(rnd);
      const i = rnd.int(0, lines.length - 1);
      const j = rnd.int(0, lines.length - 1);
      [lines[i], lines[j]] = [lines[j]!, lines[i]!];
      return lines.join('\n');
    }
    case 5:
      return source.slice(0, at); // truncate
    case 6: {
      // replace one word by another known word or literal
      const words = [...source.matchAll(/[A-Za-z_][A-Za-z0-9_]*|\d+(?:\.\d+)?/g)];
      if (words.length === 0) return source + randomToken(rnd);
      const w = rnd.pick(words);
      const replacement = rnd.chance(0.5) ? rnd.pick(RULE_WORDS) : rnd.pick(LITERALS);
      return source.slice(0, w.index) + replacement + source.slice(w.index! + w[0].length);
    }
    case 7: {
      // delete one bracket or quote
      const marks = [...source.matchAll(/[{}()[\]"]/g)];
      if (marks.length === 0) return source.slice(0, at);
      const m = rnd.pick(marks);
      return source.slice(0, m.index) + source.slice(m.index! + 1);
    }
    default:
      return source.slice(0, at) + rnd.pick(GARBAGE) + source.slice(at); // stray character
  }
}

export function mutate(rnd: Random, source: string, edits = rnd.int(1, 4)): string {
  let out = source;
  for (let i = 0; i < edits; i++) out = mutateOnce(rnd, out);
  return out;
}

/** Line lengths (in UTF-16 code units) of `source`, for position checks. */
export function lineLengths(source: string): number[] {
  return source.split(/\r\n|\r|\n|\u2028|\u2029/).map((l) => l.length);
}

// Compiles conditions to closures (a rule's top-level test is then replaced
// by one generated function, codegen.ts). Each compiled condition answers
// `test` (does the touch satisfy it?) and, only when asked, `why` (a
// plain-language reason it does not): the runtime asks only for touches an
// explanation mentions. Tests are specialised at compile time (and/or chains,
// windows, membership in short lists, direct reads of common fields) and the
// constant parts of each `why` text are composed once. A `why` whose wording
// is fixed by a field value with few values (action in […], presence, an enum
// comparison, and any and/or/not/definition made only of those) is marked
// `stable` and composed once per distinct value (text-cache.ts), so the
// thousands of touches excluded for the same reason share one string.
import type { OpportunityFacts, TouchpointFacts } from '../domain/attribution.js';
import type * as A from './ast.js';
import { dateOf, decimalOf } from './literals.js';
import { cmp, parseRatio, type Ratio } from '../domain/rational.js';
import { DAY_MS } from './models.js';
import { directTouchText, FIELDS, WINDOW_ANCHORS, type FieldSpec } from './schema.js';
import { generateTest } from './codegen.js';
import { cachedText, CombinedText } from './text-cache.js';

/** What a condition sees: one touch in the context of its opportunity. */
export interface TouchContext {
  touch: TouchpointFacts;
  opportunity: OpportunityFacts;
  /** The close date windows measure from: closed_at, else the caller's asOf, else the latest touch. */
  close: Date;
  /** Partner keys present on the account at the close date. */
  accountPartners: ReadonlySet<string>;
}

export interface CompiledCondition {
  test(ctx: TouchContext): boolean;
  why(ctx: TouchContext): string;
  /**
   * true when `why` gives one of a bounded set of texts (fixed by values with
   * few possibilities, never by dates or amounts): callers may cache texts
   * composed from it, keyed by it.
   */
  stable: boolean;
}

/** A field value usable as a cache key (Dates and other objects are not). */
const primitive = (v: unknown): v is string | number | boolean | null | undefined =>
  v === null || v === undefined || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';

const TWO_DIGITS = Array.from({ length: 32 }, (_, i) => String(i).padStart(2, '0'));

/**
 * isoDate() texts by day number: touches of a data set fall on a limited
 * range of days, so most dates are composed once. Bounded (about 11 years
 * of days, a few hundred KiB at most).
 */
const ISO_DAYS = new Map<number, string>();
const ISO_DAYS_LIMIT = 4096;

/**
 * YYYY-MM-DD of a date in UTC, as `toISOString().slice(0, 10)` writes it.
 * Years 1000–9999 are computed from the day number (civil-from-days), which
 * is several times faster than toISOString; anything else goes through it.
 * Each day's text is kept (ISO_DAYS).
 */
export function isoDate(d: Date): string {
  const ms = d.getTime();
  const days = Math.floor(ms / DAY_MS);
  const known = ISO_DAYS.get(days);
  if (known !== undefined) return known;
  const text = isoDateOfDay(d, days);
  if (ISO_DAYS.size < ISO_DAYS_LIMIT && !Number.isNaN(days)) ISO_DAYS.set(days, text);
  return text;
}

function isoDateOfDay(d: Date, days: number): string {
  // Civil date from days since 1970-01-01 (proleptic Gregorian), integers only.
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  if (!(year >= 1000 && year <= 9999)) return d.toISOString().slice(0, 10);
  return `${year}-${TWO_DIGITS[month]!}-${TWO_DIGITS[day]!}`;
}

function formatDays(ms: number): string {
  const days = Math.abs(ms) / DAY_MS;
  const text = Number.isInteger(days) ? String(days) : days.toFixed(1);
  return `${text} ${text === '1' ? 'day' : 'days'}`;
}

export const describeTouch = (t: TouchpointFacts): string => `${t.action} by ${t.partner.key} on ${isoDate(t.occurredAt)}`;

type Lit = string | Date | Ratio | number;

function literal(field: FieldSpec, v: A.Value): Lit {
  switch (field.type.kind) {
    case 'date':
      return v.kind === 'date' ? dateOf(v.text) : new Date(NaN);
    case 'money':
      return decimalOf(v) ?? parseRatio('0');
    case 'number':
      return v.kind === 'number' ? Number(v.text) : NaN;
    default:
      return v.kind === 'name' ? v.name : v.kind === 'string' ? v.value : '';
  }
}

function show(x: unknown): string {
  if (x === null || x === undefined) return 'missing';
  if (x instanceof Date) return isoDate(x);
  if (typeof x === 'object' && x !== null && 'num' in x) {
    const r = x as Ratio;
    return (Number(r.num) / Number(r.den)).toFixed(2);
  }
  return String(x);
}

/** -1/0/1, or null when the field value is missing. */
function compareField(field: FieldSpec, raw: ReturnType<FieldSpec['read']>, lit: Lit): number | null {
  if (raw === null || raw === undefined) return null;
  switch (field.type.kind) {
    case 'date': {
      const a = (raw as Date).getTime();
      const b = (lit as Date).getTime();
      return a < b ? -1 : a > b ? 1 : 0;
    }
    case 'money':
      return cmp(parseRatio(String(raw)), lit as Ratio);
    case 'number': {
      const a = Number(raw);
      const b = lit as number;
      return a < b ? -1 : a > b ? 1 : 0;
    }
    default:
      return String(raw) === lit ? 0 : String(raw) < String(lit) ? -1 : 1;
  }
}

type Test = (ctx: TouchContext) => boolean;

/** `a and b and …` as one closure (no array callbacks per touch). */
function allOf(tests: Test[]): Test {
  if (tests.length === 1) return tests[0]!;
  if (tests.length === 2) {
    const [a, b] = tests as [Test, Test];
    return (ctx) => a(ctx) && b(ctx);
  }
  if (tests.length === 3) {
    const [a, b, c] = tests as [Test, Test, Test];
    return (ctx) => a(ctx) && b(ctx) && c(ctx);
  }
  return (ctx) => {
    for (let i = 0; i < tests.length; i++) if (!tests[i]!(ctx)) return false;
    return true;
  };
}

/** `a or b or …` as one closure. */
function anyOf(tests: Test[]): Test {
  if (tests.length === 1) return tests[0]!;
  if (tests.length === 2) {
    const [a, b] = tests as [Test, Test];
    return (ctx) => a(ctx) || b(ctx);
  }
  return (ctx) => {
    for (let i = 0; i < tests.length; i++) if (tests[i]!(ctx)) return true;
    return false;
  };
}

/** Membership in a list of text values: === comparisons for short lists, a Set beyond. */
function memberOf(values: string[]): (v: string) => boolean {
  const [a, b, c, d] = values;
  switch (values.length) {
    case 0:
      return () => false;
    case 1:
      return (v) => v === a;
    case 2:
      return (v) => v === a || v === b;
    case 3:
      return (v) => v === a || v === b || v === c;
    case 4:
      return (v) => v === a || v === b || v === c || v === d;
    default: {
      const set = new Set(values);
      return (v) => set.has(v);
    }
  }
}

/** A field is present when it is not null/undefined and, for text, not blank. */
function isPresent(v: unknown): boolean {
  if (v === null || v === undefined) return false;
  if (typeof v !== 'string') return true;
  // A first character that is printable ASCII other than space is never trimmed.
  const c = v.length > 0 ? v.charCodeAt(0) : 0;
  return (c > 32 && c < 127) || v.trim() !== '';
}

/** A time window, specialised at compile time on its form, direction and anchor. */
function windowTest(
  form: 'within' | 'no later than' | 'no earlier than',
  direction: 'before' | 'after',
  span: number,
  anchor: 'close' | 'created',
): Test {
  const diffOf =
    anchor === 'close'
      ? (ctx: TouchContext) => ctx.touch.occurredAt.getTime() - ctx.close.getTime()
      : (ctx: TouchContext) => ctx.touch.occurredAt.getTime() - ctx.opportunity.createdAt.getTime();
  if (form === 'within') {
    return direction === 'before'
      ? (ctx) => {
          const d = diffOf(ctx);
          return d <= 0 && d >= -span;
        }
      : (ctx) => {
          const d = diffOf(ctx);
          return d >= 0 && d <= span;
        };
  }
  if (form === 'no later than') return direction === 'before' ? (ctx) => diffOf(ctx) <= -span : (ctx) => diffOf(ctx) <= span;
  return direction === 'before' ? (ctx) => diffOf(ctx) >= -span : (ctx) => diffOf(ctx) >= span;
}

/**
 * A rule's condition: the closures below for `why`, and one generated
 * function (codegen.ts) for `test`, the part that runs on every touch.
 */
export function compileRuleCondition(
  c: A.Condition,
  defines: ReadonlyMap<string, A.Define>,
  text: (c: A.Condition) => string,
): CompiledCondition {
  const compiled = compileCondition(c, defines, text);
  const test = generateTest(c, defines, (x) => compileCondition(x, defines, text, 1).test, isPresent);
  return { test, why: compiled.why, stable: compiled.stable };
}

export function compileCondition(
  c: A.Condition,
  defines: ReadonlyMap<string, A.Define>,
  text: (c: A.Condition) => string,
  depth = 0,
): CompiledCondition {
  if (depth > 5000) return { test: () => false, why: () => 'the definition is nested too deeply', stable: true };
  const sub = (x: A.Condition) => compileCondition(x, defines, text, depth + 1);
  switch (c.kind) {
    case 'and': {
      const parts = c.operands.map(sub);
      return {
        test: allOf(parts.map((p) => p.test)),
        why: (ctx) => {
          for (const p of parts) if (!p.test(ctx)) return p.why(ctx);
          return '';
        },
        stable: parts.every((p) => p.stable),
      };
    }
    case 'or': {
      const parts = c.operands.map(sub);
      const stable = parts.every((p) => p.stable);
      const compose = (texts: readonly string[]) => texts.join(', and ');
      const combined = new CombinedText(compose);
      const texts: string[] = new Array<string>(parts.length);
      return {
        test: anyOf(parts.map((p) => p.test)),
        why: stable
          ? (ctx) => {
              for (let i = 0; i < parts.length; i++) texts[i] = parts[i]!.why(ctx);
              return combined.get(texts);
            }
          : (ctx) => compose(parts.map((p) => p.why(ctx))),
        stable,
      };
    }
    case 'not': {
      const inner = sub(c.operand);
      const shown = text(c.operand);
      const innerTest = inner.test;
      const notWhy = `it meets \`${shown}\`, which the rule excludes`;
      return { test: (ctx) => !innerTest(ctx), why: () => notWhy, stable: true };
    }
    case 'ref': {
      const d = defines.get(c.name.name);
      if (!d?.condition) return { test: () => false, why: () => `\`${c.name.name}\` is not defined`, stable: true };
      const inner = sub(d.condition);
      const prefix = `not ${c.name.name}: `;
      const innerWhy = inner.why;
      if (!inner.stable) return { test: inner.test, why: (ctx) => prefix + innerWhy(ctx), stable: false };
      const prefixed = cachedText((text: string) => prefix + text);
      return { test: inner.test, why: (ctx) => prefixed(innerWhy(ctx)), stable: true };
    }
    case 'window': {
      const n = Number(c.amount.kind === 'number' ? c.amount.text : NaN);
      const span = n * DAY_MS;
      const anchor = WINDOW_ANCHORS[c.anchor.name] ?? 'close';
      const anchorName = anchor === 'close' ? 'close' : 'creation';
      const at = (ctx: TouchContext): number => (anchor === 'close' ? ctx.close : ctx.opportunity.createdAt).getTime();
      const windowText = `${c.form} ${n} days ${c.direction} ${anchorName}`;
      const onAnchor = `on the ${anchorName} date`;
      const beforeAnchor = ` before ${anchorName}`;
      const afterAnchor = ` after ${anchorName}`;
      const windowWhy = c.form === 'within' ? `; the window is ${n} days ${c.direction} ${anchorName}` : `; the rule needs ${windowText}`;
      return {
        test: windowTest(c.form, c.direction, span, anchor),
        why: (ctx) => {
          const diff = ctx.touch.occurredAt.getTime() - at(ctx);
          const rel = diff === 0 ? onAnchor : formatDays(diff) + (diff < 0 ? beforeAnchor : afterAnchor);
          return `${ctx.touch.action} on ${isoDate(ctx.touch.occurredAt)} was ${rel}${windowWhy}`;
        },
        stable: false,
      };
    }
    case 'onAccount': {
      const want = !c.negated;
      const onAccountWhy = cachedText((key: string) => `${key} is ${want ? 'not ' : ''}on the account`);
      return {
        test: (ctx) => ctx.accountPartners.has(ctx.touch.partner.key) === want,
        why: (ctx) => onAccountWhy(ctx.touch.partner.key),
        stable: true,
      };
    }
    default:
      break;
  }
  const path = c.field.segments.map((s) => s.name).join('.');
  const field = FIELDS.get(path);
  if (!field) return { test: () => false, why: () => `unknown field ${path}`, stable: true };
  const read = field.read;
  // Text fields stored on the touch as they are (schema.ts) are read straight off it.
  const direct = directTouchText(field);
  if (c.kind === 'presence') {
    const want = c.present;
    const presenceWhy = `${path} is ${c.present ? 'missing' : 'present'}`;
    return {
      test:
        direct !== null ? (ctx) => isPresent(ctx.touch[direct]) === want : (ctx) => isPresent(read(ctx.touch, ctx.opportunity)) === want,
      why: () => presenceWhy,
      stable: true,
    };
  }
  if (c.kind === 'in') {
    const set = new Set(c.values.map((v) => String(literal(field, v) as string)));
    const shown = c.values
      .map((v) =>
        v.kind === 'name' ? v.name : v.kind === 'string' ? `"${v.value}"` : v.kind === 'number' ? v.text : v.kind === 'date' ? v.text : '…',
      )
      .join(', ');
    const negated = c.negated;
    const inWhyPrefix = `${path} is `;
    const inWhySuffix = c.negated ? ', which the rule excludes' : `, not one of ${shown}`;
    // Enum and text fields read as strings already: no String() per touch.
    const textual = field.type.kind === 'enum' || field.type.kind === 'string';
    const member = memberOf([...set]);
    return {
      test:
        direct !== null && field.type.kind === 'enum' && !field.optional
          ? (ctx) => member(ctx.touch[direct] as string) !== negated
          : textual
            ? (ctx) => {
                const v = read(ctx.touch, ctx.opportunity);
                return (v !== null && v !== undefined && member(v as string)) !== negated;
              }
            : (ctx) => {
                const v = read(ctx.touch, ctx.opportunity);
                const inside = v !== null && v !== undefined && set.has(String(v));
                return inside !== negated;
              },
      why: valueWhy(read, (v) => inWhyPrefix + show(v) + inWhySuffix),
      stable: field.type.kind !== 'date',
    };
  }
  // compare
  const lit = literal(field, c.value);
  const op = c.op;
  const shownLit = show(lit);
  const holds = (r: number | null): boolean => {
    switch (op) {
      case 'is':
      case '=':
        return r === 0;
      case 'is not':
      case '!=':
        return r !== 0;
      case '<':
        return r !== null && r < 0;
      case '<=':
        return r !== null && r <= 0;
      case '>':
        return r !== null && r > 0;
      case '>=':
        return r !== null && r >= 0;
    }
  };
  return {
    test: (ctx) => holds(compareField(field, read(ctx.touch, ctx.opportunity), lit)),
    why: valueWhy(read, (raw) => {
      const v = show(raw);
      if (op === 'is' || op === '=') return `${path} is ${v}, not ${shownLit}`;
      if (op === 'is not' || op === '!=') return `${path} is ${v}`;
      return `${path} is ${v}; the rule needs ${op} ${shownLit}`;
    }),
    stable: field.type.kind === 'enum' || field.type.kind === 'number',
  };
}

/** A why that depends only on the field's value: composed once per distinct (primitive) value. */
function valueWhy(read: FieldSpec['read'], compose: (value: unknown) => string): (ctx: TouchContext) => string {
  const cached = cachedText(compose);
  return (ctx) => {
    const v = read(ctx.touch, ctx.opportunity);
    return primitive(v) ? cached(v) : compose(v);
  };
}

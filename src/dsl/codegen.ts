// Generated JavaScript for the test of a rule's condition. A rule's `when` is
// tested on every qualifying touch of every opportunity, so the compiler turns
// the whole condition (definitions inlined) into ONE function with the field
// reads, list memberships and window arithmetic written out, instead of a tree
// of closures calling closures. Only the test is generated; the plain-language
// `why` stays in conditions.ts (it runs only for touches an explanation names).
//
// Safety: nothing from the rule file becomes code except string values, which
// are embedded as JSON string literals, and finite numbers. Field reads are
// touch properties named by the field table (schema.ts), identifiers only;
// every other kind of condition (comparisons, other fields) calls the closure
// conditions.ts compiled for it, passed in by reference. Tests prove the generated test agrees with the closures
// (test/dsl/codegen.test.ts).
import type * as A from './ast.js';
import type { TouchContext } from './conditions.js';
import { DAY_MS } from './models.js';
import { directTouchText, FIELDS, WINDOW_ANCHORS } from './schema.js';

type Test = (ctx: TouchContext) => boolean;

/** Touch fields a generated test reads directly: rule field path → JavaScript (of the touch `t`), from the field table. */
const DIRECT_READS: Readonly<Record<string, string>> = Object.fromEntries(
  [...FIELDS.values()].flatMap((f) => {
    const key = directTouchText(f);
    // Property names of TouchpointFacts; checked so nothing but an identifier is ever written into the code.
    return key !== null && /^[A-Za-z_$][\w$]*$/.test(key) ? [[f.path, `t.${key}`]] : [];
  }),
);
/** Fields whose value is always a string (an enum that is never missing), so `in` is a plain comparison. */
const ENUM_READS = new Set(
  [...FIELDS.values()].filter((f) => f.path in DIRECT_READS && f.type.kind === 'enum' && !f.optional).map((f) => f.path),
);
/** Lists up to this long are tested with ===; longer ones with a Set. */
const INLINE_MEMBERS = 8;
/** Definitions nested deeper than this are tested through their closures. */
const MAX_DEPTH = 64;

const fieldPath = (f: A.FieldPath): string => f.segments.map((s) => s.name).join('.');

/**
 * One generated function testing `condition`. `closureTest` compiles any
 * sub-condition the generator does not write out itself; `isPresent` is the
 * presence rule conditions.ts uses.
 */
export function generateTest(
  condition: A.Condition,
  defines: ReadonlyMap<string, A.Define>,
  closureTest: (c: A.Condition) => Test,
  isPresent: (v: unknown) => boolean,
): Test {
  const closures: Test[] = [];
  const sets: Array<ReadonlySet<string>> = [];
  let usesClose = false;
  let usesCreated = false;
  const viaClosure = (c: A.Condition): string => {
    closures.push(closureTest(c));
    return `F[${closures.length - 1}](ctx)`;
  };
  const gen = (c: A.Condition, depth: number): string => {
    if (depth > MAX_DEPTH) return viaClosure(c);
    switch (c.kind) {
      case 'and':
        return c.operands.length === 0 ? 'true' : `(${c.operands.map((o) => gen(o, depth + 1)).join(' && ')})`;
      case 'or':
        return c.operands.length === 0 ? 'false' : `(${c.operands.map((o) => gen(o, depth + 1)).join(' || ')})`;
      case 'not':
        return `!${gen(c.operand, depth + 1)}`;
      case 'ref': {
        const d = defines.get(c.name.name);
        return d?.condition ? gen(d.condition, depth + 1) : 'false';
      }
      case 'window': {
        const span = Number(c.amount.kind === 'number' ? c.amount.text : NaN) * DAY_MS;
        if (!Number.isFinite(span)) return viaClosure(c);
        const anchor = WINDOW_ANCHORS[c.anchor.name] ?? 'close';
        let d: string;
        if (anchor === 'close') {
          usesClose = true;
          d = 'dClose';
        } else {
          usesCreated = true;
          d = 'dCreated';
        }
        const pos = `(${String(span)})`;
        const neg = `(${String(-span)})`;
        if (c.form === 'within') return c.direction === 'before' ? `(${d} <= 0 && ${d} >= ${neg})` : `(${d} >= 0 && ${d} <= ${pos})`;
        if (c.form === 'no later than') return c.direction === 'before' ? `(${d} <= ${neg})` : `(${d} <= ${pos})`;
        return c.direction === 'before' ? `(${d} >= ${neg})` : `(${d} >= ${pos})`;
      }
      case 'onAccount':
        return `(ctx.accountPartners.has(t.partner.key) === ${c.negated ? 'false' : 'true'})`;
      case 'presence': {
        const read = DIRECT_READS[fieldPath(c.field)];
        if (read === undefined) return viaClosure(c);
        return `(isPresent(${read}) === ${c.present ? 'true' : 'false'})`;
      }
      case 'in': {
        const path = fieldPath(c.field);
        if (!ENUM_READS.has(path)) return viaClosure(c);
        const read = DIRECT_READS[path]!;
        // The same values conditions.ts compares with (names and strings as written).
        const values = [...new Set(c.values.map((v) => (v.kind === 'name' ? v.name : v.kind === 'string' ? v.value : '')))];
        let member: string;
        if (values.length === 0) member = 'false';
        else if (values.length <= INLINE_MEMBERS) member = `(${values.map((v) => `${read} === ${JSON.stringify(v)}`).join(' || ')})`;
        else {
          sets.push(new Set(values));
          member = `S[${sets.length - 1}].has(${read})`;
        }
        return c.negated ? `!${member}` : member;
      }
      default:
        return viaClosure(c);
    }
  };
  const body = gen(condition, 0);
  const lines = ['const t = ctx.touch;'];
  if (usesClose) lines.push('const dClose = t.occurredAt.getTime() - ctx.close.getTime();');
  if (usesCreated) lines.push('const dCreated = t.occurredAt.getTime() - ctx.opportunity.createdAt.getTime();');
  lines.push(`return ${body};`);
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- generated from the AST only; see the header
  const factory = new Function('F', 'S', 'isPresent', `return function generatedTest(ctx) {\n  ${lines.join('\n  ')}\n};`) as (
    F: Test[],
    S: Array<ReadonlySet<string>>,
    present: (v: unknown) => boolean,
  ) => Test;
  return factory(closures, sets, isPresent);
}

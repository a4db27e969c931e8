// Conditions: every reference names a definition (marked used) or is a whole
// condition on a field, windows are days from close or created, and each
// comparison, list or presence test fits its field.
import type * as A from '../ast.js';
import { didYouMean } from '../diagnostics.js';
import { unitName } from '../literals.js';
import { FIELD_PATHS, FIELDS, WINDOW_ANCHORS } from '../schema.js';
import { refsOf, report, valuesOf, type CheckContext } from './context.js';
import { checkDuplicateValues, checkField, checkValueFor } from './values.js';

/** Checks a condition; each definition it refers to (directly or through other definitions) counts as used. */
export function checkCondition(ctx: CheckContext, c: A.Condition): void {
  switch (c.kind) {
    case 'and':
    case 'or':
      for (const o of c.operands) checkCondition(ctx, o);
      return;
    case 'not':
      checkCondition(ctx, c.operand);
      return;
    case 'ref': {
      const d = ctx.defines.get(c.name.name);
      if (!d) {
        const f = FIELDS.get(c.name.name);
        if (f) {
          report(
            ctx,
            'incomplete-condition',
            'error',
            `\`${c.name.name}\` is a field; say what it must be`,
            c.range,
            f.optional
              ? `e.g. ${c.name.name} is present`
              : `e.g. ${c.name.name} is ${f.type.kind === 'enum' ? valuesOf(ctx, f.type)[0] : '…'}`,
          );
        } else {
          report(
            ctx,
            'unknown-definition',
            'error',
            `\`${c.name.name}\` is not defined`,
            c.range,
            didYouMean(c.name.name, [...ctx.defines.keys(), ...FIELD_PATHS], 'definitions and fields'),
          );
        }
        return;
      }
      markUsed(ctx, c.name.name, new Set());
      return;
    }
    case 'window': {
      const q = c.amount;
      if (q.kind !== 'number' || q.unit !== 'days') {
        report(
          ctx,
          'unit-mismatch',
          'error',
          `a time window is a number of days, not ${q.kind === 'number' ? unitName(q.unit) : 'that'}`,
          q.range,
          q.kind === 'number' ? `write ${q.text} days` : 'e.g. within 90 days before close',
        );
      }
      if (!WINDOW_ANCHORS[c.anchor.name]) {
        report(
          ctx,
          'unknown-anchor',
          'error',
          `a window is measured from \`close\` or \`created\`, not \`${c.anchor.name}\``,
          c.anchor.range,
          didYouMean(c.anchor.name, Object.keys(WINDOW_ANCHORS), 'anchors'),
        );
      }
      return;
    }
    default:
      break;
  }
  const field = checkField(ctx, c.field);
  if (!field) return;
  const path = field.path;
  if (c.kind === 'presence') {
    if (!field.optional) {
      report(
        ctx,
        c.present ? 'always-true' : 'always-false',
        'warning',
        `\`${path}\` is always present, so this is always ${c.present ? 'true' : 'false'}`,
        c.range,
        'remove this condition',
      );
    }
    return;
  }
  if (c.kind === 'onAccount') {
    if (path !== 'partner' && path !== 'partner.key') {
      report(
        ctx,
        'type-mismatch',
        'error',
        `only a partner can be on the account, not \`${path}\``,
        c.field.range,
        'write: partner is on account',
      );
    }
    return;
  }
  if (c.kind === 'in') {
    if (c.values.length === 0)
      report(ctx, 'always-false', 'warning', 'the list is empty, so this never matches', c.range, 'list at least one value');
    for (const v of c.values) checkValueFor(ctx, field, v);
    checkDuplicateValues(ctx, c.values);
    return;
  }
  // compare
  const ordering = c.op === '<' || c.op === '<=' || c.op === '>' || c.op === '>=';
  if (ordering && (field.type.kind === 'enum' || field.type.kind === 'string')) {
    report(
      ctx,
      'type-mismatch',
      'error',
      `\`${path}\` cannot be compared with ${c.op}`,
      c.range,
      field.type.kind === 'enum'
        ? `use \`${path} in [${valuesOf(ctx, field.type).slice(0, 2).join(', ')}]\``
        : 'compare text with is / is not',
    );
  }
  checkValueFor(ctx, field, c.value);
}

function markUsed(ctx: CheckContext, name: string, seen: Set<string>): void {
  const todo = [name];
  while (todo.length > 0) {
    const next = todo.pop()!;
    if (seen.has(next) || ctx.usedDefines.has(next)) continue;
    seen.add(next);
    ctx.usedDefines.add(next);
    const d = ctx.defines.get(next);
    if (d?.condition) todo.push(...refsOf(d.condition));
  }
}

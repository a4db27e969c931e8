// Values against the data model: a field path names a field, and a value
// fits the field's type (enum values from the taxonomy in force, text, plain
// numbers, money in cents, calendar dates).
import type * as A from '../ast.js';
import { closest, didYouMean } from '../diagnostics.js';
import { isValidDate } from '../literals.js';
import { FIELD_PATHS, FIELDS, type FieldSpec, type FieldType } from '../schema.js';
import { article, describe, report, valueKey, valuesOf, type CheckContext } from './context.js';

export function checkDuplicateValues(ctx: CheckContext, values: A.Value[]): void {
  const seen = new Set<string>();
  for (const v of values) {
    const k = valueKey(v);
    if (seen.has(k)) report(ctx, 'duplicate-value', 'warning', `${k} is listed twice`, v.range, 'remove the repeat');
    seen.add(k);
  }
}

export function checkField(ctx: CheckContext, fp: A.FieldPath): FieldSpec | null {
  const path = fp.segments.map((s) => s.name).join('.');
  const f = FIELDS.get(path);
  if (!f) {
    const hint =
      path === 'stage'
        ? 'did you mean `opportunity.stage` (now) or `stage_at_touch` (when the touch happened)?'
        : didYouMean(path, FIELD_PATHS, 'fields');
    report(ctx, 'unknown-field', 'error', `unknown field \`${path}\``, fp.range, hint);
    return null;
  }
  return f;
}

/** Is `v` a valid value for the field's type? */
export function checkValueFor(ctx: CheckContext, field: FieldSpec, v: A.Value): void {
  checkValueOfType(ctx, field.path, field.type, v);
}

export function checkValueOfType(ctx: CheckContext, label: string, type: FieldType, v: A.Value): void {
  const mismatch = (what: string, hint: string) =>
    report(
      ctx,
      v.kind === 'number' && v.unit !== null ? 'unit-mismatch' : 'type-mismatch',
      'error',
      `\`${label}\` is ${what}`,
      v.range,
      hint,
    );
  switch (type.kind) {
    case 'enum': {
      const name = v.kind === 'name' ? v.name : v.kind === 'string' ? v.value : null;
      const values = valuesOf(ctx, type);
      if (name === null) {
        mismatch(`${article(type.name)} ${type.name}, not ${describe(v)}`, `e.g. ${values.slice(0, 3).join(', ')}`);
        return;
      }
      if (!values.includes(name)) {
        // A near miss is a typo; anything else may be a value the program has not added yet.
        const add =
          type.taxonomy && closest(name, values) === undefined
            ? `; or add it to the taxonomy: attrib taxonomy add ${type.taxonomy} ${name}`
            : '';
        report(
          ctx,
          'unknown-value',
          'error',
          `\`${name}\` is not ${article(type.name)} ${type.name}`,
          v.range,
          `${didYouMean(name, values, `${type.name}s`)}${add}`,
        );
      } else if (type.taxonomy && !ctx.vocabulary.isActive(type.taxonomy, name)) {
        report(
          ctx,
          'retired-value',
          'warning',
          `\`${name}\` is a retired ${type.name}: only old records have it`,
          v.range,
          'keep it to credit deals that still carry it, or remove it',
        );
      }
      return;
    }
    case 'string':
      if (v.kind !== 'string' && v.kind !== 'name') mismatch(`text, not ${describe(v)}`, 'write text in "double quotes"');
      return;
    case 'number':
      if (v.kind !== 'number' || v.unit !== null)
        mismatch(`a plain number, not ${describe(v)}`, v.kind === 'number' ? `write ${v.text}` : 'e.g. 3');
      return;
    case 'money':
      if (v.kind !== 'number' || v.unit !== null) mismatch(`money, not ${describe(v)}`, 'write an amount such as 50000 or 50000.00');
      else if (!/^\d+(\.\d{1,2})?$/.test(v.text)) mismatch('money with at most two decimals', 'round the amount to cents');
      return;
    case 'date':
      if (v.kind !== 'date')
        mismatch(`a date, not ${describe(v)}`, 'write dates as YYYY-MM-DD, or use a window: within 30 days before close');
      else if (!isValidDate(v.text))
        report(ctx, 'invalid-date', 'error', `${v.text} is not a calendar date`, v.range, 'write dates as YYYY-MM-DD');
      return;
  }
}

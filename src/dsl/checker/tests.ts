// Stage: in-file tests. Each test has its own name, gives one opportunity
// and named touches and partners with known, well-typed properties (and the
// required ones), and expects something about known lanes, roles and the
// partners it gives.
import type * as A from '../ast.js';
import { tests } from '../ast.js';
import { didYouMean } from '../diagnostics.js';
import { isValidDate } from '../literals.js';
import { ENUM_PROPS, FIELDS, GIVEN_PROPERTIES, REQUIRED_GIVEN } from '../schema.js';
import { report, type CheckContext } from './context.js';
import { checkRole } from './declarations.js';
import { checkValueFor, checkValueOfType } from './values.js';

export function checkTests(file: A.RuleFile, ctx: CheckContext): void {
  const testNames = new Set<string>();
  for (const t of tests(file)) {
    if (testNames.has(t.name.text))
      report(ctx, 'duplicate-test', 'error', `two tests are named "${t.name.text}"`, t.name.range, 'give each test its own name');
    testNames.add(t.name.text);
    checkTest(ctx, t, ctx.laneNames);
  }
}

function checkTest(ctx: CheckContext, t: A.TestDecl, laneNames: Set<string>): void {
  const partners = new Set<string>();
  let hasOpportunity = false;
  for (const item of t.items) {
    if (item.kind === 'given') {
      const subject = item.subject.name;
      const props = GIVEN_PROPERTIES[subject];
      if (!props) {
        report(
          ctx,
          'unknown-given',
          'error',
          `cannot give \`${subject}\` in a test`,
          item.subject.range,
          didYouMean(subject, Object.keys(GIVEN_PROPERTIES), 'things you can give'),
        );
        continue;
      }
      if (subject === 'opportunity') {
        if (hasOpportunity)
          report(ctx, 'duplicate-given', 'error', 'the test gives the opportunity twice', item.range, 'merge the two blocks');
        hasOpportunity = true;
      }
      if ((subject === 'touch' || subject === 'partner') && !item.name) {
        report(
          ctx,
          'missing-name',
          'error',
          `give the ${subject} a name`,
          item.subject.range,
          subject === 'touch' ? 'e.g. given touch t1 { … }' : 'e.g. given partner acme { … }',
        );
      }
      if (subject === 'partner' && item.name) partners.add(item.name.name);
      const seen = new Set<string>();
      for (const p of item.properties) {
        const kind = props[p.key.name];
        if (!kind) {
          report(
            ctx,
            'unknown-property',
            'error',
            `a ${subject} has no \`${p.key.name}\``,
            p.key.range,
            didYouMean(p.key.name, Object.keys(props), `${subject} properties`),
          );
          continue;
        }
        if (seen.has(p.key.name)) report(ctx, 'duplicate-property', 'error', `\`${p.key.name}\` is given twice`, p.key.range, 'keep one');
        seen.add(p.key.name);
        if (!p.value) continue;
        if (subject === 'touch' && p.key.name === 'partner' && p.value.kind === 'name') partners.add(p.value.name);
        const enumField = ENUM_PROPS[subject]?.[p.key.name];
        if (enumField) {
          checkValueFor(ctx, FIELDS.get(enumField)!, p.value);
          continue;
        }
        if (subject === 'partner' && p.key.name === 'on') {
          if (p.value.kind !== 'name' || p.value.name !== 'account')
            report(
              ctx,
              'type-mismatch',
              'error',
              'write `on account` to put the partner on the account',
              p.value.range,
              'e.g. given partner acme { on account since 2025-06-01 }',
            );
          continue;
        }
        const label = `${subject} ${p.key.name}`;
        if (kind === 'money') checkValueOfType(ctx, label, { kind: 'money' }, p.value);
        else if (kind === 'date') checkValueOfType(ctx, label, { kind: 'date' }, p.value);
        else if (kind === 'number') checkValueOfType(ctx, label, { kind: 'number' }, p.value);
        else if (kind === 'string' || kind === 'name') checkValueOfType(ctx, label, { kind: 'string' }, p.value);
      }
      for (const r of REQUIRED_GIVEN[subject] ?? []) {
        if (!seen.has(r))
          report(
            ctx,
            'missing-property',
            'error',
            `the ${subject}${item.name ? ` ${item.name.name}` : ''} needs \`${r}\``,
            item.subject.range,
            r === 'on' ? 'add the date, e.g. on 2026-01-05' : `add ${r} …`,
          );
      }
    } else if (item.kind === 'asOf') {
      if (item.date.kind === 'date' && !isValidDate(item.date.text))
        report(ctx, 'invalid-date', 'error', `${item.date.text} is not a calendar date`, item.date.range, 'write dates as YYYY-MM-DD');
    } else {
      const laneRefs: A.Ident[] = item.subject === 'lane' ? [item.target] : [];
      for (const c of item.clauses) {
        if (c.kind === 'inLane') laneRefs.push(c.lane);
        if (c.kind === 'role') checkRole(ctx, c.role);
        if (c.kind === 'share' || c.kind === 'grants') {
          if (c.value.kind !== 'number' || c.value.unit !== '%')
            report(
              ctx,
              'unit-mismatch',
              'error',
              `a ${c.kind === 'share' ? 'share' : 'grant'} is a percentage`,
              c.value.range,
              'e.g. share 40%',
            );
        }
        if (c.kind === 'amount') checkValueOfType(ctx, 'amount', { kind: 'money' }, c.value);
      }
      for (const l of laneRefs) {
        if (!laneNames.has(l.name))
          report(
            ctx,
            'unknown-lane',
            'error',
            `this rule set has no lane \`${l.name}\``,
            l.range,
            didYouMean(l.name, [...laneNames], 'lanes'),
          );
      }
      if (item.subject === 'partner') {
        if (!item.clauses.some((c) => c.kind === 'inLane')) {
          report(ctx, 'missing-lane', 'error', 'say which lane the expectation is about', item.range, 'end with: in lane influence');
        }
        if (!partners.has(item.target.name)) {
          report(
            ctx,
            'unknown-partner',
            'warning',
            `no touch or partner \`${item.target.name}\` is given in this test`,
            item.target.range,
            didYouMean(item.target.name, [...partners], 'partners in this test'),
          );
        }
      }
    }
  }
  if (!hasOpportunity)
    report(
      ctx,
      'missing-given',
      'error',
      `test "${t.name.text}" gives no opportunity`,
      t.name.range,
      'add: given opportunity { amount 100000.00 stage closed_won created 2026-01-01 closed 2026-03-01 }',
    );
  if (!t.items.some((i) => i.kind === 'expect'))
    report(
      ctx,
      'no-expectations',
      'warning',
      `test "${t.name.text}" expects nothing, so it cannot fail`,
      t.name.range,
      'add an expect line',
    );
}

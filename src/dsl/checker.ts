// Stage 4: checks a parsed rule file against the data model and the rules
// of the language. Pure: AST in, diagnostics out.
import { DEFAULT_VOCABULARY, type Vocabulary } from '../domain/taxonomy.js';
import type * as A from './ast.js';
import { defines, lanes, roleDecls, tests } from './ast.js';
import { closest, diagnostic, didYouMean, type Diagnostic } from './diagnostics.js';
import { decimalOf, fractionOf, interpretCredit, isValidDate, unitName, type CreditSpec } from './literals.js';
import { cmp, ratio } from '../domain/rational.js';
import {
  CREDIT_MODELS,
  ENUM_PROPS,
  FIELD_PATHS,
  FIELDS,
  GIVEN_PROPERTIES,
  HIT_POLICIES,
  LANES,
  OTHERWISE_CREDIT,
  REQUIRED_GIVEN,
  SELECT_MODES,
  STANDARD_ROLES,
  WEIGHT_DIMENSIONS,
  WINDOW_ANCHORS,
  type FieldSpec,
  type FieldType,
} from './schema.js';

class Checker {
  readonly out: Diagnostic[] = [];
  private readonly defineMap = new Map<string, A.Define>();
  private readonly usedDefines = new Set<string>();
  readonly roles = new Set<string>(STANDARD_ROLES);
  private reportedDeepChain = false;

  constructor(
    private readonly file: A.RuleFile,
    private readonly vocabulary: Vocabulary,
  ) {}

  /** The values an enum field may take: for taxonomy fields, every entry in force (retired ones included: old records have them). */
  valuesOf(type: Extract<FieldType, { kind: 'enum' }>): readonly string[] {
    return type.taxonomy ? this.vocabulary.keys(type.taxonomy, { includeRetired: true }) : type.values;
  }

  report(code: string, severity: Diagnostic['severity'], message: string, range: A.SourceRange, hint?: string): void {
    this.out.push(diagnostic(code, severity, message, range, hint));
  }

  run(): Diagnostic[] {
    this.header();
    for (const r of roleDecls(this.file)) {
      for (const role of r.roles) {
        if (this.roles.has(role.name))
          this.report('duplicate-role', 'warning', `role \`${role.name}\` is already defined`, role.range, 'remove it from the roles list');
        this.roles.add(role.name);
      }
    }
    for (const d of defines(this.file)) {
      if (this.defineMap.has(d.name.name)) {
        this.report('duplicate-definition', 'error', `\`${d.name.name}\` is defined twice`, d.name.range, 'rename one of the definitions');
      } else if (FIELDS.has(d.name.name)) {
        this.report(
          'shadowed-field',
          'error',
          `\`${d.name.name}\` is a field name and cannot be redefined`,
          d.name.range,
          'choose another name for the definition',
        );
      } else this.defineMap.set(d.name.name, d);
    }
    for (const d of this.defineMap.values()) {
      this.checkCycles(d.name.name, [], d.name.range);
      if (d.condition) this.condition(d.condition, false);
    }
    const seenLanes = new Set<string>();
    for (const lane of lanes(this.file)) {
      if (seenLanes.has(lane.name.name))
        this.report(
          'duplicate-lane',
          'error',
          `lane \`${lane.name.name}\` is declared twice`,
          lane.name.range,
          "put all of a lane's rules in one block",
        );
      seenLanes.add(lane.name.name);
      this.lane(lane);
    }
    if (lanes(this.file).length === 0 && this.file.header) {
      this.report(
        'no-lanes',
        'error',
        'this rule set has no lanes, so it grants no credit',
        this.file.header.range,
        'add e.g. lane influence grants 100% { rule "…" { credit linear } }',
      );
    }
    const testNames = new Set<string>();
    for (const t of tests(this.file)) {
      if (testNames.has(t.name.text))
        this.report('duplicate-test', 'error', `two tests are named "${t.name.text}"`, t.name.range, 'give each test its own name');
      testNames.add(t.name.text);
      this.test(t, seenLanes);
    }
    for (const d of this.defineMap.values()) {
      if (!this.usedDefines.has(d.name.name)) {
        this.report(
          'unused-definition',
          'warning',
          `\`${d.name.name}\` is defined but never used`,
          d.name.range,
          'use it in a rule condition, or remove it',
        );
      }
    }
    return this.out;
  }

  header(): void {
    const h = this.file.header;
    if (!h?.clauses.some((c) => c.kind === 'ruleset')) {
      const at = h?.range ?? { start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 1, offset: 0 } };
      this.report(
        'missing-header',
        'error',
        'the file does not say which rule set it is',
        at,
        'start the file with: ruleset <key> "Title"',
      );
      if (!h) return;
    }
    const seen = new Map<string, A.SourceRange>();
    for (const c of h.clauses) {
      if (seen.has(c.kind))
        this.report('duplicate-header', 'error', `\`${c.kind}\` is given more than once`, c.range, 'keep one and remove the others');
      seen.set(c.kind, c.range);
    }
    const first = h.clauses[0];
    if (first && first.kind !== 'ruleset' && seen.has('ruleset')) {
      this.report('header-order', 'warning', 'the header should start with `ruleset`', first.range, 'move the ruleset line to the top');
    }
    if (h.version && !/^\d+$/.test(h.version.text) && !/^[A-Za-z0-9._-]+$/.test(h.version.text)) {
      this.report(
        'bad-version',
        'error',
        `version "${h.version.text}" is not a plain version label`,
        h.version.range,
        'use a number (version 3) or a label like "2026.1"',
      );
    }
    for (const d of [h.effectiveFrom, h.effectiveTo]) {
      if (d && !isValidDate(d.text))
        this.report('invalid-date', 'error', `${d.text} is not a calendar date`, d.range, 'write dates as YYYY-MM-DD, e.g. 2026-01-31');
    }
    if (
      h.effectiveFrom &&
      h.effectiveTo &&
      isValidDate(h.effectiveFrom.text) &&
      isValidDate(h.effectiveTo.text) &&
      h.effectiveTo.text < h.effectiveFrom.text
    ) {
      this.report(
        'invalid-effective-range',
        'error',
        `the rule set ends (${h.effectiveTo.text}) before it starts (${h.effectiveFrom.text})`,
        h.effectiveTo.range,
        'swap the dates',
      );
    }
    if (!h.owner && seen.has('ruleset'))
      this.report('missing-owner', 'info', 'no owner is named for this rule set', seen.get('ruleset')!, 'add: owner "revops@example.com"');
  }

  private checkCycles(name: string, stack: string[], at: A.SourceRange): void {
    if (stack.includes(name)) {
      this.report(
        'cyclic-definition',
        'error',
        `\`${name}\` is defined in terms of itself (${[...stack, name].join(' → ')})`,
        at,
        'break the cycle',
      );
      return;
    }
    const d = this.defineMap.get(name);
    if (!d?.condition) return;
    if (stack.length >= 32) {
      if (this.reportedDeepChain) return;
      this.reportedDeepChain = true;
      this.report(
        'nesting-too-deep',
        'error',
        `definitions are chained more than 32 deep (${stack[0]} → … → ${name})`,
        at,
        'flatten the chain of definitions',
      );
      return;
    }
    for (const ref of refsOf(d.condition)) if (this.defineMap.has(ref)) this.checkCycles(ref, [...stack, name], at);
  }

  /** Checks a condition; `inRule` marks it used by a rule (for unused-definition). */
  condition(c: A.Condition, inRule: boolean): void {
    switch (c.kind) {
      case 'and':
      case 'or':
        for (const o of c.operands) this.condition(o, inRule);
        return;
      case 'not':
        this.condition(c.operand, inRule);
        return;
      case 'ref': {
        const d = this.defineMap.get(c.name.name);
        if (!d) {
          const f = FIELDS.get(c.name.name);
          if (f) {
            this.report(
              'incomplete-condition',
              'error',
              `\`${c.name.name}\` is a field; say what it must be`,
              c.range,
              f.optional
                ? `e.g. ${c.name.name} is present`
                : `e.g. ${c.name.name} is ${f.type.kind === 'enum' ? this.valuesOf(f.type)[0] : '…'}`,
            );
          } else {
            this.report(
              'unknown-definition',
              'error',
              `\`${c.name.name}\` is not defined`,
              c.range,
              didYouMean(c.name.name, [...this.defineMap.keys(), ...FIELD_PATHS], 'definitions and fields'),
            );
          }
          return;
        }
        this.markUsed(c.name.name, new Set());
        return;
      }
      case 'window': {
        const q = c.amount;
        if (q.kind !== 'number' || q.unit !== 'days') {
          this.report(
            'unit-mismatch',
            'error',
            `a time window is a number of days, not ${q.kind === 'number' ? unitName(q.unit) : 'that'}`,
            q.range,
            q.kind === 'number' ? `write ${q.text} days` : 'e.g. within 90 days before close',
          );
        }
        if (!WINDOW_ANCHORS[c.anchor.name]) {
          this.report(
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
    const field = this.field(c.field);
    if (!field) return;
    const path = field.path;
    if (c.kind === 'presence') {
      if (!field.optional) {
        this.report(
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
        this.report(
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
        this.report('always-false', 'warning', 'the list is empty, so this never matches', c.range, 'list at least one value');
      for (const v of c.values) this.valueFor(field, v);
      this.duplicates(c.values);
      return;
    }
    // compare
    const ordering = c.op === '<' || c.op === '<=' || c.op === '>' || c.op === '>=';
    if (ordering && (field.type.kind === 'enum' || field.type.kind === 'string')) {
      this.report(
        'type-mismatch',
        'error',
        `\`${path}\` cannot be compared with ${c.op}`,
        c.range,
        field.type.kind === 'enum'
          ? `use \`${path} in [${this.valuesOf(field.type).slice(0, 2).join(', ')}]\``
          : 'compare text with is / is not',
      );
    }
    this.valueFor(field, c.value);
  }

  private markUsed(name: string, seen: Set<string>): void {
    const todo = [name];
    while (todo.length > 0) {
      const next = todo.pop()!;
      if (seen.has(next) || this.usedDefines.has(next)) continue;
      seen.add(next);
      this.usedDefines.add(next);
      const d = this.defineMap.get(next);
      if (d?.condition) todo.push(...refsOf(d.condition));
    }
  }

  private duplicates(values: A.Value[]): void {
    const seen = new Set<string>();
    for (const v of values) {
      const k = valueKey(v);
      if (seen.has(k)) this.report('duplicate-value', 'warning', `${k} is listed twice`, v.range, 'remove the repeat');
      seen.add(k);
    }
  }

  field(fp: A.FieldPath): FieldSpec | null {
    const path = fp.segments.map((s) => s.name).join('.');
    const f = FIELDS.get(path);
    if (!f) {
      const hint =
        path === 'stage'
          ? 'did you mean `opportunity.stage` (now) or `stage_at_touch` (when the touch happened)?'
          : didYouMean(path, FIELD_PATHS, 'fields');
      this.report('unknown-field', 'error', `unknown field \`${path}\``, fp.range, hint);
      return null;
    }
    return f;
  }

  /** Is `v` a valid value for the field's type? */
  valueFor(field: FieldSpec, v: A.Value): void {
    this.valueOfType(field.path, field.type, v);
  }

  valueOfType(label: string, type: FieldType, v: A.Value): void {
    const mismatch = (what: string, hint: string) =>
      this.report(
        v.kind === 'number' && v.unit !== null ? 'unit-mismatch' : 'type-mismatch',
        'error',
        `\`${label}\` is ${what}`,
        v.range,
        hint,
      );
    switch (type.kind) {
      case 'enum': {
        const name = v.kind === 'name' ? v.name : v.kind === 'string' ? v.value : null;
        const values = this.valuesOf(type);
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
          this.report(
            'unknown-value',
            'error',
            `\`${name}\` is not ${article(type.name)} ${type.name}`,
            v.range,
            `${didYouMean(name, values, `${type.name}s`)}${add}`,
          );
        } else if (type.taxonomy && !this.vocabulary.isActive(type.taxonomy, name)) {
          this.report(
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
          this.report('invalid-date', 'error', `${v.text} is not a calendar date`, v.range, 'write dates as YYYY-MM-DD');
        return;
    }
  }

  lane(lane: A.LaneDecl): void {
    const name = lane.name.name;
    if (!(LANES as readonly string[]).includes(name)) {
      this.report('unknown-lane', 'error', `there is no lane \`${name}\``, lane.name.range, didYouMean(name, LANES, 'lanes'));
    }
    const g = lane.grants;
    if (g) {
      if (g.kind !== 'number' || g.unit !== '%') {
        this.report(
          'unit-mismatch',
          'error',
          `a lane grants a percentage of the amount, not ${describe(g)}`,
          g.range,
          g.kind === 'number' ? `write ${g.text}%` : 'e.g. grants 100%',
        );
      } else {
        const f = fractionOf(g);
        if (f && cmp(f, ratio(1n)) > 0) {
          this.report(
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
      this.report(
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
      this.report(
        'empty-lane',
        'warning',
        `lane \`${name}\` has no rules, so it never grants credit`,
        lane.name.range,
        'add a rule, or remove the lane',
      );
    }
    otherwise.forEach((o, i) => {
      if (i > 0) this.report('duplicate-otherwise', 'error', 'a lane has at most one `otherwise`', o.range, 'keep one otherwise line');
      if (lane.items[lane.items.length - 1] !== o)
        this.report(
          'otherwise-not-last',
          'error',
          '`otherwise` must come after every rule of the lane',
          o.range,
          'move it to the end of the lane',
        );
      this.role(o.role);
      if (o.credit && !(OTHERWISE_CREDIT as readonly string[]).includes(o.credit.name)) {
        this.report(
          'unknown-model',
          'error',
          `otherwise can credit \`none\` or \`even\`, not \`${o.credit.name}\``,
          o.credit.range,
          "even splits the lane between the account's partners",
        );
      }
      if (o.credit?.name === 'even' && !o.accountPartners) {
        this.report(
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
        this.report(
          'duplicate-rule',
          'error',
          `lane \`${name}\` has two rules named "${r.name.text}"`,
          r.name.range,
          'give each rule its own name',
        );
      names.set(r.name.text, r);
      if (policy === 'priority') {
        if (!r.priority)
          this.report(
            'missing-priority',
            'error',
            `rule "${r.name.text}" needs a priority under hit policy priority`,
            r.name.range,
            'add e.g. priority 1 (1 wins over 2)',
          );
      } else if (r.priority) {
        this.report(
          'priority-ignored',
          'warning',
          `the priority of "${r.name.text}" is ignored under hit policy ${policy}`,
          r.priority.range,
          'use hit policy priority, or remove the priority',
        );
      }
      if (r.priority) {
        if (r.priority.kind !== 'number' || r.priority.unit !== null || !/^\d+$/.test(r.priority.text)) {
          this.report('type-mismatch', 'error', 'a priority is a whole number', r.priority.range, 'e.g. priority 1');
        } else if (policy === 'priority') {
          const other = priorities.get(r.priority.text);
          if (other)
            this.report(
              'same-priority',
              'warning',
              `"${r.name.text}" and "${other.name.text}" share priority ${r.priority.text}`,
              r.priority.range,
              'the one written first wins; give them different priorities',
            );
          else priorities.set(r.priority.text, r);
        }
      }
      this.rule(r, name);
    }
    this.reachability(lane, rules, policy);
  }

  private reachability(lane: A.LaneDecl, rules: A.RuleDecl[], policy: string): void {
    const order = policy === 'priority' ? [...rules].sort((a, b) => prio(a) - prio(b)) : rules;
    let catchAll: A.RuleDecl | null = null;
    for (const r of order) {
      if (catchAll) {
        this.report(
          'unreachable-rule',
          'warning',
          `rule "${r.name.text}" can never apply: "${catchAll.name.text}" matches every touch first`,
          r.name.range,
          'add a condition to the earlier rule, or reorder the rules',
        );
        continue;
      }
      if (r.when && this.provablyFalse(r.when)) {
        this.report(
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
        if (this.provablyFalse(both)) continue;
        if (policy === 'unique') {
          this.report(
            'overlapping-rules',
            'warning',
            `rules "${a.name.text}" and "${b.name.text}" can both match the same touch, but hit policy unique expects one`,
            b.name.range,
            'make the conditions exclusive, or use hit policy first or priority',
          );
        } else if (policy === 'first') {
          this.report(
            'overlapping-rules',
            'info',
            `rules "${a.name.text}" and "${b.name.text}" can both match; "${a.name.text}" wins because it comes first`,
            b.name.range,
            'this is fine when intended; reorder the rules to change the winner',
          );
        }
      }
    }
    void lane;
  }

  rule(r: A.RuleDecl, laneName: string): void {
    if (r.when) this.condition(r.when, true);
    const seen = new Map<string, A.RuleStatement>();
    let credit: CreditSpec | null = null;
    let cap: A.Value | null = null;
    let floor: A.Value | null = null;
    for (const s of r.body) {
      if (seen.has(s.kind) && s.kind !== 'weight') {
        this.report('duplicate-statement', 'error', `rule "${r.name.text}" says \`${s.kind}\` twice`, s.range, 'keep one');
      }
      seen.set(s.kind, s);
      switch (s.kind) {
        case 'role':
          this.role(s.role);
          break;
        case 'select':
          if (!(SELECT_MODES as readonly string[]).includes(s.mode.name)) {
            this.report(
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
            this.report(
              'unknown-model',
              'error',
              `unknown credit model \`${s.model.name.name}\``,
              s.model.name.range,
              didYouMean(s.model.name.name, CREDIT_MODELS, 'credit models'),
            );
            break;
          }
          const res = interpretCredit(s.model);
          if (!res.ok) this.report(res.code, 'error', res.message, res.range, res.hint);
          else credit = res.spec;
          break;
        }
        case 'weight':
          this.weight(s);
          break;
        case 'cap':
        case 'floor': {
          const v = s.amount;
          if (v.kind !== 'number' || v.unit !== '%') {
            this.report(
              'unit-mismatch',
              'error',
              `a ${s.kind} is a percentage of the lane, not ${describe(v)}`,
              v.range,
              v.kind === 'number' ? `write ${v.text}%` : 'e.g. 60%',
            );
          } else {
            const f = fractionOf(v);
            if (f && (cmp(f, ratio(1n)) > 0 || (s.kind === 'cap' && f.num === 0n))) {
              this.report(
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
        this.report(
          'floor-above-cap',
          'error',
          `the floor (${floor.kind === 'number' ? floor.text : ''}%) is above the cap (${cap.kind === 'number' ? cap.text : ''}%)`,
          floor.range,
          'a floor must be at most the cap',
        );
    }
    const kind = (credit as CreditSpec | null)?.kind;
    if (kind === 'none' && (cap || floor || r.body.some((s) => s.kind === 'weight'))) {
      this.report(
        'unused-setting',
        'warning',
        `rule "${r.name.text}" grants no credit, so its weights, cap and floor do nothing`,
        r.name.range,
        'remove them, or choose a credit model',
      );
    }
    if (!seen.has('credit')) {
      this.report(
        'missing-credit',
        'info',
        `rule "${r.name.text}" does not say how credit is shared; it uses linear`,
        r.name.range,
        'add e.g. credit linear',
      );
    }
    if (!seen.has('role') && laneName !== 'source' && laneName !== 'influence') {
      this.report('missing-role', 'error', `rule "${r.name.text}" needs a role`, r.name.range, 'add e.g. role influenced');
    }
  }

  private weight(s: A.RuleStatement & { kind: 'weight' }): void {
    const dim = WEIGHT_DIMENSIONS.get(s.dimension.name);
    if (!dim) {
      this.report(
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
          this.report(
            'missing-bound',
            'error',
            `a ${dim.name} weight needs \`at least\` or \`at most\``,
            e.value.range,
            `e.g. weight ${dim.name} at least 4 by 1.2`,
          );
        this.valueOfType(dim.name, dim.type, e.value);
      } else {
        if (e.bound)
          this.report(
            'type-mismatch',
            'error',
            `\`at least\`/\`at most\` only apply to numbers such as depth`,
            e.range,
            `write: weight ${dim.name} <value> <factor>`,
          );
        this.valueOfType(dim.name, dim.type, e.value);
      }
      const k = `${e.bound ?? ''}${valueKey(e.value)}`;
      if (seen.has(k))
        this.report('duplicate-value', 'warning', `${valueKey(e.value)} is weighted twice`, e.value.range, 'keep one weight per value');
      seen.add(k);
      const f = e.factor;
      if (f.kind !== 'number' || f.unit !== null) {
        this.report(
          'unit-mismatch',
          'error',
          `a weight is a plain multiplier, not ${describe(f)}`,
          f.range,
          f.kind === 'number' ? `write ${f.text} (1 = normal, 2 = double)` : 'e.g. 1.5',
        );
      }
    }
  }

  role(id: A.Ident): void {
    if (!this.roles.has(id.name)) {
      this.report(
        'unknown-role',
        'error',
        `unknown role \`${id.name}\``,
        id.range,
        `${didYouMean(id.name, [...this.roles], 'roles')} Declare your own with: roles ${id.name}`,
      );
    }
  }

  test(t: A.TestDecl, laneNames: Set<string>): void {
    const partners = new Set<string>();
    let hasOpportunity = false;
    for (const item of t.items) {
      if (item.kind === 'given') {
        const subject = item.subject.name;
        const props = GIVEN_PROPERTIES[subject];
        if (!props) {
          this.report(
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
            this.report('duplicate-given', 'error', 'the test gives the opportunity twice', item.range, 'merge the two blocks');
          hasOpportunity = true;
        }
        if ((subject === 'touch' || subject === 'partner') && !item.name) {
          this.report(
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
            this.report(
              'unknown-property',
              'error',
              `a ${subject} has no \`${p.key.name}\``,
              p.key.range,
              didYouMean(p.key.name, Object.keys(props), `${subject} properties`),
            );
            continue;
          }
          if (seen.has(p.key.name)) this.report('duplicate-property', 'error', `\`${p.key.name}\` is given twice`, p.key.range, 'keep one');
          seen.add(p.key.name);
          if (!p.value) continue;
          if (subject === 'touch' && p.key.name === 'partner' && p.value.kind === 'name') partners.add(p.value.name);
          const enumField = ENUM_PROPS[subject]?.[p.key.name];
          if (enumField) {
            this.valueFor(FIELDS.get(enumField)!, p.value);
            continue;
          }
          if (subject === 'partner' && p.key.name === 'on') {
            if (p.value.kind !== 'name' || p.value.name !== 'account')
              this.report(
                'type-mismatch',
                'error',
                'write `on account` to put the partner on the account',
                p.value.range,
                'e.g. given partner acme { on account since 2025-06-01 }',
              );
            continue;
          }
          const label = `${subject} ${p.key.name}`;
          if (kind === 'money') this.valueOfType(label, { kind: 'money' }, p.value);
          else if (kind === 'date') this.valueOfType(label, { kind: 'date' }, p.value);
          else if (kind === 'number') this.valueOfType(label, { kind: 'number' }, p.value);
          else if (kind === 'string' || kind === 'name') this.valueOfType(label, { kind: 'string' }, p.value);
        }
        for (const r of REQUIRED_GIVEN[subject] ?? []) {
          if (!seen.has(r))
            this.report(
              'missing-property',
              'error',
              `the ${subject}${item.name ? ` ${item.name.name}` : ''} needs \`${r}\``,
              item.subject.range,
              r === 'on' ? 'add the date, e.g. on 2026-01-05' : `add ${r} …`,
            );
        }
      } else if (item.kind === 'asOf') {
        if (item.date.kind === 'date' && !isValidDate(item.date.text))
          this.report('invalid-date', 'error', `${item.date.text} is not a calendar date`, item.date.range, 'write dates as YYYY-MM-DD');
      } else {
        const laneRefs: A.Ident[] = item.subject === 'lane' ? [item.target] : [];
        for (const c of item.clauses) {
          if (c.kind === 'inLane') laneRefs.push(c.lane);
          if (c.kind === 'role') this.role(c.role);
          if (c.kind === 'share' || c.kind === 'grants') {
            if (c.value.kind !== 'number' || c.value.unit !== '%')
              this.report(
                'unit-mismatch',
                'error',
                `a ${c.kind === 'share' ? 'share' : 'grant'} is a percentage`,
                c.value.range,
                'e.g. share 40%',
              );
          }
          if (c.kind === 'amount') this.valueOfType('amount', { kind: 'money' }, c.value);
        }
        for (const l of laneRefs) {
          if (!laneNames.has(l.name))
            this.report(
              'unknown-lane',
              'error',
              `this rule set has no lane \`${l.name}\``,
              l.range,
              didYouMean(l.name, [...laneNames], 'lanes'),
            );
        }
        if (item.subject === 'partner') {
          if (!item.clauses.some((c) => c.kind === 'inLane')) {
            this.report('missing-lane', 'error', 'say which lane the expectation is about', item.range, 'end with: in lane influence');
          }
          if (!partners.has(item.target.name)) {
            this.report(
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
      this.report(
        'missing-given',
        'error',
        `test "${t.name.text}" gives no opportunity`,
        t.name.range,
        'add: given opportunity { amount 100000.00 stage closed_won created 2026-01-01 closed 2026-03-01 }',
      );
    if (!t.items.some((i) => i.kind === 'expect'))
      this.report(
        'no-expectations',
        'warning',
        `test "${t.name.text}" expects nothing, so it cannot fail`,
        t.name.range,
        'add an expect line',
      );
  }

  // --- static truth analysis -------------------------------------------------

  /** True when the condition can never hold (conservative: false means "maybe"). */
  provablyFalse(c: A.Condition, depth = 0): boolean {
    if (depth > 20) return false;
    switch (c.kind) {
      case 'or':
        return c.operands.every((o) => this.provablyFalse(o, depth + 1));
      case 'and': {
        const atoms = this.conjuncts(c, depth);
        if (atoms.some((a) => this.provablyFalse(a, depth + 1) && a.kind !== 'and')) return true;
        return contradictory(atoms);
      }
      case 'ref': {
        const d = this.defineMap.get(c.name.name);
        return d?.condition ? this.provablyFalse(d.condition, depth + 1) : false;
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
  private conjuncts(c: A.Condition, depth: number, seen = new Set<string>()): A.Condition[] {
    if (depth > 20) return [c];
    if (c.kind === 'and') return c.operands.flatMap((o) => this.conjuncts(o, depth + 1, seen));
    if (c.kind === 'ref' && !seen.has(c.name.name)) {
      const d = this.defineMap.get(c.name.name);
      if (d?.condition) {
        seen.add(c.name.name);
        return this.conjuncts(d.condition, depth + 1, seen);
      }
    }
    return [c];
  }
}

const article = (word: string): string => (/^[aeiou]/i.test(word) ? 'an' : 'a');

function prio(r: A.RuleDecl): number {
  const p = r.priority && r.priority.kind === 'number' ? Number(r.priority.text) : Number.POSITIVE_INFINITY;
  return Number.isFinite(p) ? p : Number.MAX_SAFE_INTEGER;
}

const pathOf = (fp: A.FieldPath): string => {
  const p = fp.segments.map((s) => s.name).join('.');
  return p === 'partner.key' ? 'partner' : p;
};

function valueKey(v: A.Value): string {
  switch (v.kind) {
    case 'name':
      return v.name;
    case 'string':
      return v.value;
    case 'number': {
      const d = decimalOf(v);
      return d ? `${d.num}/${d.den}${v.unit ?? ''}` : v.text;
    }
    case 'date':
      return v.text;
    case 'list':
      return `[${v.items.map(valueKey).join(',')}]`;
  }
}

function describe(v: A.Value): string {
  switch (v.kind) {
    case 'number':
      return `${unitName(v.unit)} (${v.text}${v.unit === '%' ? '%' : v.unit === 'days' ? ' days' : ''})`;
    case 'date':
      return `a date (${v.text})`;
    case 'string':
      return `text ("${v.value}")`;
    case 'name':
      return `a name (${v.name})`;
    case 'list':
      return 'a list';
  }
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

function refsOf(c: A.Condition): string[] {
  switch (c.kind) {
    case 'and':
    case 'or':
      return c.operands.flatMap(refsOf);
    case 'not':
      return refsOf(c.operand);
    case 'ref':
      return [c.name.name];
    default:
      return [];
  }
}

/** Checks a parsed file against the data model and the taxonomy in force (default: the default taxonomy). */
export function checkAst(file: A.RuleFile, vocabulary: Vocabulary = DEFAULT_VOCABULARY): Diagnostic[] {
  return new Checker(file, vocabulary).run();
}

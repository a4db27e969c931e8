// Canonical text for AST pieces (values, conditions, credit models). Shared
// by the formatter and by explanations, so what a rule says in an
// explanation is exactly how the formatter would write it.
import type * as A from './ast.js';

export function quote(s: string): string {
  return `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n').replace(/\t/g, '\\t')}"`;
}

function printValue(v: A.Value): string {
  switch (v.kind) {
    case 'name':
      return v.name;
    case 'string':
      return quote(v.value);
    case 'date':
      return v.text;
    case 'number':
      return v.unit === '%' ? `${v.text}%` : v.unit === 'days' ? `${v.text} ${v.text === '1' ? 'day' : 'days'}` : v.text;
    case 'list':
      return `[${v.items.map(printValue).join(', ')}]`;
  }
}

const PREC = { or: 1, and: 2, not: 3, atom: 4 } as const;

function printField(f: A.FieldPath): string {
  return f.segments.map((s) => s.name).join('.');
}

export function printCondition(c: A.Condition, parent = 0): string {
  const wrap = (prec: number, s: string) => (prec < parent ? `(${s})` : s);
  switch (c.kind) {
    case 'or':
      return wrap(PREC.or, c.operands.map((o) => printCondition(o, PREC.or + 0.5)).join(' or '));
    case 'and':
      return wrap(PREC.and, c.operands.map((o) => printCondition(o, PREC.and + 0.5)).join(' and '));
    case 'not':
      return wrap(PREC.not, `not ${printCondition(c.operand, PREC.not)}`);
    case 'ref':
      return c.name.name;
    case 'compare':
      return `${printField(c.field)} ${c.op} ${printValue(c.value)}`;
    case 'in':
      return `${printField(c.field)} ${c.negated ? 'not in' : 'in'} [${c.values.map(printValue).join(', ')}]`;
    case 'presence':
      return `${printField(c.field)} is ${c.present ? 'present' : 'missing'}`;
    case 'onAccount':
      return `${printField(c.field)} is ${c.negated ? 'not ' : ''}on account`;
    case 'window':
      return `${c.form} ${printValue(c.amount)} ${c.direction} ${c.anchor.name}`;
  }
}

export function printCredit(m: A.CreditModel): string {
  let out = m.name.name;
  let prevSlash = false;
  for (const a of m.args) {
    const isSlash = !('kind' in a) && a.name === '/';
    const text = 'kind' in a ? printValue(a) : a.name;
    if (isSlash || prevSlash) out += text;
    else out += ` ${text}`;
    prevSlash = isSlash;
  }
  return out;
}

export function printStatement(s: A.RuleStatement): string {
  switch (s.kind) {
    case 'role':
      return `role ${s.role.name}`;
    case 'select':
      return `select ${s.mode.name}`;
    case 'credit':
      return `credit ${printCredit(s.model)}`;
    case 'weight':
      return `weight ${s.dimension.name} ${s.entries
        .map((e) =>
          e.bound ? `${e.bound} ${printValue(e.value)} by ${printValue(e.factor)}` : `${printValue(e.value)} ${printValue(e.factor)}`,
        )
        .join(', ')}`;
    case 'cap':
      return `cap partner ${printValue(s.amount)}`;
    case 'floor':
      return `floor partner ${printValue(s.amount)}`;
  }
}

export function printRuleHead(r: A.RuleDecl): string {
  let out = `rule ${quote(r.name.text)}`;
  if (r.priority) out += ` priority ${printValue(r.priority)}`;
  if (r.when) out += ` when ${printCondition(r.when)}`;
  return out;
}

export function printOtherwise(o: A.OtherwiseDecl): string {
  let out = `otherwise role ${o.role.name}`;
  if (o.accountPartners) out += ' for partners on account';
  if (o.credit) out += ` credit ${o.credit.name}`;
  return out;
}

export function printLaneHead(l: A.LaneDecl): string {
  let out = `lane ${l.name.name} grants ${l.grants ? printValue(l.grants) : '100%'}`;
  if (l.hitPolicy) out += ` hit policy ${l.hitPolicy.name}`;
  return out;
}

export function printTestItem(i: A.TestItem): string {
  switch (i.kind) {
    case 'asOf':
      return `as of ${printValue(i.date)}`;
    case 'given': {
      let out = `given ${i.subject.name}`;
      if (i.name) out += ` ${i.name.name}`;
      if (i.properties.length > 0) {
        out += ` { ${i.properties.map((p) => `${p.key.name}${p.value ? ` ${printValue(p.value)}` : ''}`).join(' ')} }`;
      }
      return out;
    }
    case 'expect': {
      const parts = [`expect ${i.subject} ${i.target.name}`];
      for (const c of i.clauses) {
        switch (c.kind) {
          case 'role':
            parts.push(`role ${c.role.name}`);
            break;
          case 'share':
            parts.push(`share ${printValue(c.value)}`);
            break;
          case 'amount':
            parts.push(`amount ${printValue(c.value)}`);
            break;
          case 'grants':
            parts.push(`grants ${printValue(c.value)}`);
            break;
          case 'rule':
            parts.push(`rule ${quote(c.name.text)}`);
            break;
          case 'inLane':
            parts.push(`${c.negated ? 'not in' : 'in'} lane ${c.lane.name}`);
            break;
        }
      }
      return parts.join(' ');
    }
  }
}

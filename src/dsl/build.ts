// Stage 3: CST -> AST. Tolerates the partial trees that error recovery
// leaves behind: a missing piece becomes null / is skipped, never a crash.
// The tree is read through the types generated from the grammar
// (cst.generated.ts, `npm run dsl:cst`): a child is looked up by a label the
// grammar declares, so renaming a label or a rule fails to compile here.
import type { CstElement, CstNode, IToken } from 'chevrotain';
import type * as A from './ast.js';
import type * as C from './cst.generated.js';

/** The element type of a child list (`children.x` is `E[]`, optional when the grammar may leave it out). */
type Elem<L> = NonNullable<L> extends ReadonlyArray<infer E> ? E : never;
/** Labels of `Ch` that can hold a token. */
type TokenKey<Ch> = { [K in keyof Ch]-?: IToken extends Elem<Ch[K]> ? K : never }[keyof Ch];
/** Labels of `Ch` that can hold a node, and the node types they hold. */
type NodeKey<Ch> = { [K in keyof Ch]-?: [Extract<Elem<Ch[K]>, CstNode>] extends [never] ? never : K }[keyof Ch];
type NodeAt<Ch, K extends keyof Ch> = Extract<Elem<Ch[K]>, CstNode>;
/** A child list. Error recovery can leave out any child, even one the grammar requires, so every list may be missing. */
const childList = <Ch>(ch: Ch, key: keyof Ch): readonly CstElement[] =>
  (ch as Record<PropertyKey, readonly CstElement[] | undefined>)[key as PropertyKey] ?? [];

type ConditionNode = C.ConditionCstNode | C.AndExprCstNode | C.NotExprCstNode | C.PrimaryCstNode | C.WindowCondCstNode | C.FieldCondCstNode;

const isToken = (e: CstElement | undefined): e is IToken => e !== undefined && 'image' in e;
const isNode = (e: CstElement | undefined): e is CstNode => e !== undefined && 'children' in e;

function usable(t: IToken | undefined): t is IToken {
  return t !== undefined && !t.isInsertedInRecovery && Number.isFinite(t.startOffset);
}

export class AstBuilder {
  constructor(private readonly source: string) {}

  private pos(offset: number): A.Position {
    // Binary search over line starts: exact line/column for any offset.
    const lines = this.lineStarts();
    let lo = 0;
    let hi = lines.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lines[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - lines[lo]! + 1, offset };
  }

  private starts: number[] | undefined;
  private lineStarts(): number[] {
    if (!this.starts) {
      this.starts = [0];
      for (let i = 0; i < this.source.length; i++) if (this.source.charCodeAt(i) === 10) this.starts.push(i + 1);
    }
    return this.starts;
  }

  range(start: number, endExclusive: number): A.SourceRange {
    return { start: this.pos(start), end: this.pos(Math.max(start, endExclusive)) };
  }

  tokenRange(t: IToken): A.SourceRange {
    return this.range(t.startOffset, (t.endOffset ?? t.startOffset) + 1);
  }

  /** The range spanned by the real (not recovery-inserted) tokens of a node. */
  nodeRange(n: CstNode | IToken | undefined): A.SourceRange | null {
    let first: IToken | undefined;
    let last: IToken | undefined;
    const visit = (e: CstElement) => {
      if (isToken(e)) {
        if (!usable(e)) return;
        if (!first || e.startOffset < first.startOffset) first = e;
        if (!last || e.startOffset > last.startOffset) last = e;
      } else {
        for (const list of Object.values(e.children)) for (const c of list ?? []) visit(c);
      }
    };
    if (n) visit(n);
    if (!first || !last) return null;
    return this.range(first.startOffset, (last.endOffset ?? last.startOffset) + 1);
  }

  private tok<Ch>(ch: Ch, key: TokenKey<Ch>, i = 0): IToken | undefined {
    const e = childList(ch, key)[i];
    return isToken(e) && usable(e) ? e : undefined;
  }
  private toks<Ch>(ch: Ch, key: TokenKey<Ch>): IToken[] {
    return childList(ch, key).filter((e): e is IToken => isToken(e) && usable(e));
  }
  private node<Ch, K extends NodeKey<Ch>>(ch: Ch, key: K, i = 0): NodeAt<Ch, K> | undefined {
    const e = childList(ch, key)[i];
    return isNode(e) ? (e as NodeAt<Ch, K>) : undefined;
  }
  private nodes<Ch, K extends NodeKey<Ch>>(ch: Ch, key: K): Array<NodeAt<Ch, K>> {
    return childList(ch, key).filter(isNode) as Array<NodeAt<Ch, K>>;
  }

  ident(t: IToken | undefined): A.Ident | null {
    return t ? { name: t.image, range: this.tokenRange(t) } : null;
  }

  stringOf(t: IToken): string {
    return t.image.slice(1, -1).replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c === 't' ? '\t' : c));
  }

  text(t: IToken | undefined, unquote = true): (A.Located & { text: string }) | null {
    if (!t) return null;
    return { text: unquote && t.image.startsWith('"') ? this.stringOf(t) : t.image, range: this.tokenRange(t) };
  }

  file(cst: C.FileCstNode): A.RuleFile {
    const items: A.Item[] = [];
    let header: A.Header | null = null;
    const ensureHeader = (r: A.SourceRange): A.Header => {
      header ??= {
        key: null,
        title: null,
        version: null,
        effectiveFrom: null,
        effectiveTo: null,
        owner: null,
        description: null,
        clauses: [],
        range: r,
      };
      header.range = {
        start: header.range.start.offset <= r.start.offset ? header.range.start : r.start,
        end: header.range.end.offset >= r.end.offset ? header.range.end : r.end,
      };
      return header;
    };
    for (const top of this.nodes(cst.children, 'topItem')) {
      const inner = (Object.values(top.children) as Array<C.TopItemCstChildren[keyof C.TopItemCstChildren]>).flat()[0];
      if (!isNode(inner)) continue;
      const r = this.nodeRange(inner);
      if (!r) continue;
      switch (inner.name) {
        case 'rulesetClause': {
          const ch = inner.children;
          const h = ensureHeader(r);
          h.clauses.push({ kind: 'ruleset', range: r });
          h.key ??= this.ident(this.tok(ch, 'key'));
          const title = this.tok(ch, 'title');
          if (title && h.title === null) h.title = this.stringOf(title);
          break;
        }
        case 'versionClause': {
          const ch = inner.children;
          const h = ensureHeader(r);
          h.clauses.push({ kind: 'version', range: r });
          h.version ??= this.text(this.tok(ch, 'value'));
          break;
        }
        case 'effectiveClause': {
          const ch = inner.children;
          const h = ensureHeader(r);
          h.clauses.push({ kind: 'effective', range: r });
          if (!h.effectiveFrom) {
            h.effectiveFrom = this.text(this.tok(ch, 'from'));
            h.effectiveTo = this.text(this.tok(ch, 'to'));
          }
          break;
        }
        case 'ownerClause': {
          const ch = inner.children;
          const h = ensureHeader(r);
          h.clauses.push({ kind: 'owner', range: r });
          h.owner ??= this.text(this.tok(ch, 'value'));
          break;
        }
        case 'descriptionClause': {
          const ch = inner.children;
          const h = ensureHeader(r);
          h.clauses.push({ kind: 'description', range: r });
          h.description ??= this.text(this.tok(ch, 'value'));
          break;
        }
        case 'rolesDecl':
          items.push({ kind: 'roles', roles: this.toks(inner.children, 'role').map((t) => this.ident(t)!), range: r });
          break;
        case 'defineDecl': {
          const ch = inner.children;
          const name = this.ident(this.tok(ch, 'name'));
          if (name) items.push({ kind: 'define', name, condition: this.condition(this.node(ch, 'condition')), range: r });
          break;
        }
        case 'laneDecl': {
          const lane = this.lane(inner, r);
          if (lane) items.push(lane);
          break;
        }
        case 'testDecl': {
          const t = this.test(inner, r);
          if (t) items.push(t);
          break;
        }
        default:
          break;
      }
    }
    return { header, items, range: this.range(0, this.source.length) };
  }

  private closeOffset(ch: { RBrace?: IToken[] }, fallback: A.SourceRange): number {
    const close = this.tok(ch, 'RBrace');
    return close ? close.startOffset : fallback.end.offset;
  }

  lane(n: C.LaneDeclCstNode, r: A.SourceRange): A.LaneDecl | null {
    const ch = n.children;
    const name = this.ident(this.tok(ch, 'name'));
    if (!name) return null;
    const items: A.LaneDecl['items'] = [];
    for (const e of [...this.nodes(ch, 'ruleDecl'), ...this.nodes(ch, 'otherwiseDecl')].sort(
      (a, b) => (this.nodeRange(a)?.start.offset ?? 0) - (this.nodeRange(b)?.start.offset ?? 0),
    )) {
      const er = this.nodeRange(e);
      if (!er) continue;
      if (e.name === 'ruleDecl') {
        const rule = this.rule(e, er);
        if (rule) items.push(rule);
      } else {
        const role = this.ident(this.tok(e.children, 'role'));
        if (!role) continue;
        items.push({
          kind: 'otherwise',
          role,
          range: er,
          accountPartners: this.tok(e.children, 'Partners') !== undefined,
          credit: this.ident(this.tok(e.children, 'credit')),
        });
      }
    }
    return {
      kind: 'lane',
      name,
      range: r,
      items,
      grants: this.quantity(this.node(ch, 'grants')),
      hitPolicy: this.ident(this.tok(ch, 'policy')),
      bodyEnd: this.closeOffset(ch, r),
    };
  }

  rule(n: C.RuleDeclCstNode, r: A.SourceRange): A.RuleDecl | null {
    const ch = n.children;
    const name = this.text(this.tok(ch, 'name'));
    if (!name) return null;
    const body: A.RuleStatement[] = [];
    for (const s of this.nodes(ch, 'ruleStatement')) {
      const sr = this.nodeRange(s);
      if (!sr) continue;
      const sc = s.children;
      const role = this.ident(this.tok(sc, 'role'));
      const select = this.ident(this.tok(sc, 'select'));
      if (this.tok(sc, 'Role')) {
        if (role) body.push({ kind: 'role', role, range: sr });
        continue;
      }
      if (this.tok(sc, 'Select')) {
        if (select) body.push({ kind: 'select', mode: select, range: sr });
        continue;
      }
      const credit = this.node(sc, 'creditStmt');
      if (credit) {
        const model = this.ident(this.tok(credit.children, 'model'));
        if (!model) continue;
        const args: Array<A.Value | A.Ident> = [];
        for (const a of credit.children.arg ?? []) {
          if (isToken(a)) {
            if (usable(a)) args.push(this.ident(a)!);
          } else {
            const q = this.quantity(a);
            if (q) args.push(q);
          }
        }
        args.sort((x, y) => x.range.start.offset - y.range.start.offset);
        body.push({ kind: 'credit', model: { name: model, args, range: sr }, range: sr });
        continue;
      }
      const weight = this.node(sc, 'weightStmt');
      if (weight) {
        const dimension = this.ident(this.tok(weight.children, 'dimension'));
        if (!dimension) continue;
        const entries: A.WeightEntry[] = [];
        for (const e of this.nodes(weight.children, 'weightEntry')) {
          const er = this.nodeRange(e);
          const ec = e.children;
          const keyTok = this.tok(ec, 'key');
          const keyNode = this.node(ec, 'key');
          const value: A.Value | null = keyTok
            ? keyTok.image.startsWith('"')
              ? { kind: 'string', value: this.stringOf(keyTok), range: this.tokenRange(keyTok) }
              : { kind: 'name', name: keyTok.image, range: this.tokenRange(keyTok) }
            : this.quantity(keyNode);
          const factor = this.quantity(this.node(ec, 'factor'));
          const bound = this.tok(ec, 'bound');
          if (!er || !value || !factor) continue;
          entries.push({ bound: bound ? (bound.image === 'least' ? 'at least' : 'at most') : null, value, factor, range: er });
        }
        body.push({ kind: 'weight', dimension, entries, range: sr });
        continue;
      }
      const cap = this.node(sc, 'capStmt') ?? this.node(sc, 'floorStmt');
      if (cap) {
        const amount = this.quantity(this.node(cap.children, 'quantity'));
        if (amount) body.push({ kind: cap.name === 'capStmt' ? 'cap' : 'floor', amount, range: sr });
      }
    }
    return {
      kind: 'rule',
      name,
      range: r,
      body,
      priority: this.quantity(this.node(ch, 'priority')),
      when: this.condition(this.node(ch, 'condition')),
      bodyEnd: this.closeOffset(ch, r),
    };
  }

  quantity(n: C.QuantityCstNode | undefined): A.Value | null {
    if (!n) return null;
    const num = this.tok(n.children, 'number');
    if (!num) return null;
    const unitTok = this.tok(n.children, 'unit');
    const unit: A.Unit = unitTok ? (unitTok.image === '%' ? '%' : 'days') : null;
    const end = unitTok ? unitTok.endOffset! + 1 : num.endOffset! + 1;
    return { kind: 'number', text: num.image, unit, range: this.range(num.startOffset, end) };
  }

  value(n: C.ValueCstNode | undefined): A.Value | null {
    if (!n) return null;
    const ch = n.children;
    const name = this.tok(ch, 'name');
    if (name) return { kind: 'name', name: name.image, range: this.tokenRange(name) };
    const str = this.tok(ch, 'string');
    if (str) return { kind: 'string', value: this.stringOf(str), range: this.tokenRange(str) };
    const date = this.tok(ch, 'date');
    if (date) return { kind: 'date', text: date.image, range: this.tokenRange(date) };
    const q = this.node(ch, 'quantity');
    if (q) return this.quantity(q);
    const list = this.node(ch, 'list');
    if (list) return this.list(list);
    return null;
  }

  list(n: C.ListCstNode): A.Value | null {
    const r = this.nodeRange(n);
    if (!r) return null;
    const items = this.nodes(n.children, 'value')
      .map((v) => this.value(v))
      .filter((v): v is A.Value => v !== null);
    return { kind: 'list', items, range: r };
  }

  condition(n: ConditionNode | undefined): A.Condition | null {
    if (!n) return null;
    const r = this.nodeRange(n);
    if (!r) return null;
    switch (n.name) {
      case 'condition':
      case 'andExpr': {
        const operands = this.nodes(n.children, 'operand')
          .map((o) => this.condition(o))
          .filter((c): c is A.Condition => c !== null);
        if (operands.length === 0) return null;
        if (operands.length === 1) return operands[0]!;
        return { kind: n.name === 'condition' ? 'or' : 'and', operands, range: r };
      }
      case 'notExpr': {
        const neg = this.node(n.children, 'negated');
        if (neg) {
          const operand = this.condition(neg);
          return operand ? { kind: 'not', operand, range: r } : null;
        }
        return this.condition(this.node(n.children, 'primary'));
      }
      case 'primary': {
        const inner = this.node(n.children, 'condition') ?? this.node(n.children, 'windowCond') ?? this.node(n.children, 'fieldCond');
        return this.condition(inner);
      }
      case 'windowCond': {
        const ch = n.children;
        const form = this.tok(ch, 'form');
        const amount = this.quantity(this.node(ch, 'quantity'));
        const direction = this.tok(ch, 'direction');
        const anchor = this.ident(this.tok(ch, 'anchor'));
        if (!form || !amount || !direction || !anchor) return null;
        return {
          kind: 'window',
          range: r,
          amount,
          anchor,
          form: form.image === 'within' ? 'within' : form.image === 'later' ? 'no later than' : 'no earlier than',
          direction: direction.image === 'before' ? 'before' : 'after',
        };
      }
      case 'fieldCond': {
        const fp = this.node(n.children, 'fieldPath');
        if (!fp) return null;
        const fr = this.nodeRange(fp);
        const segments = this.toks(fp.children, 'segment').map((t) => this.ident(t)!);
        if (!fr || segments.length === 0) return null;
        const field: A.FieldPath = { segments, range: fr };
        const tail = this.node(n.children, 'comparisonTail');
        if (!tail) {
          return segments.length === 1 ? { kind: 'ref', name: segments[0]!, range: r } : null;
        }
        const tc = tail.children;
        const op = this.tok(tc, 'op');
        const negate = this.tok(tc, 'negate') !== undefined;
        if (!op) return null;
        if (op.image === 'in') {
          const list = this.node(tc, 'list');
          const lv = list ? this.list(list) : null;
          if (lv?.kind !== 'list') return null;
          return { kind: 'in', field, negated: negate, values: lv.items, range: r };
        }
        if (op.image === 'is') {
          const presence = this.tok(tc, 'presence');
          if (presence) return { kind: 'presence', field, present: (presence.image === 'present') !== negate, range: r };
          if (this.tok(tc, 'onAccount')) return { kind: 'onAccount', field, negated: negate, range: r };
          const value = this.value(this.node(tc, 'value'));
          return value ? { kind: 'compare', field, op: negate ? 'is not' : 'is', value, range: r } : null;
        }
        const value = this.value(this.node(tc, 'value'));
        const ops: Record<string, A.CompareOp> = {
          '=': '=',
          '!=': '!=',
          '≠': '!=',
          '<': '<',
          '<=': '<=',
          '≤': '<=',
          '>': '>',
          '>=': '>=',
          '≥': '>=',
        };
        const cop = ops[op.image];
        return value && cop ? { kind: 'compare', field, op: cop, value, range: r } : null;
      }
      default:
        return null;
    }
  }

  test(n: C.TestDeclCstNode, r: A.SourceRange): A.TestDecl | null {
    const ch = n.children;
    const name = this.text(this.tok(ch, 'name'));
    if (!name) return null;
    const items: A.TestItem[] = [];
    const all = [...this.nodes(ch, 'givenItem'), ...this.nodes(ch, 'asOfItem'), ...this.nodes(ch, 'expectItem')]
      .map((e) => ({ e, r: this.nodeRange(e) }))
      .filter((x): x is { e: typeof x.e; r: A.SourceRange } => x.r !== null)
      .sort((a, b) => a.r.start.offset - b.r.start.offset);
    for (const { e, r: ir } of all) {
      if (e.name === 'givenItem') {
        const c = e.children;
        const subject = this.ident(this.tok(c, 'subject'));
        if (!subject) continue;
        const properties: A.Property[] = [];
        for (const p of this.nodes(c, 'property')) {
          const pr = this.nodeRange(p);
          const key = this.ident(this.tok(p.children, 'key'));
          if (!pr || !key) continue;
          properties.push({ key, value: this.value(this.node(p.children, 'value')), range: pr });
        }
        items.push({ kind: 'given', subject, name: this.ident(this.tok(c, 'name')), properties, range: ir });
      } else if (e.name === 'asOfItem') {
        const d = this.tok(e.children, 'date');
        if (d) items.push({ kind: 'asOf', date: { kind: 'date', text: d.image, range: this.tokenRange(d) }, range: ir });
      } else {
        const c = e.children;
        const subject = this.tok(c, 'subject');
        const target = this.ident(this.tok(c, 'target'));
        if (!subject || !target) continue;
        const clauses: A.ExpectClause[] = [];
        for (const cl of this.nodes(c, 'expectClause')) {
          const cr = this.nodeRange(cl);
          const cc = cl.children;
          const kw = this.tok(cc, 'kw');
          if (!cr || !kw) continue;
          const arg = this.ident(this.tok(cc, 'arg'));
          const q = this.quantity(this.node(cc, 'quantity'));
          switch (kw.image) {
            case 'role':
              if (arg) clauses.push({ kind: 'role', role: arg, range: cr });
              break;
            case 'share':
              if (q) clauses.push({ kind: 'share', value: q, range: cr });
              break;
            case 'amount':
              if (q) clauses.push({ kind: 'amount', value: q, range: cr });
              break;
            case 'grants':
              if (q) clauses.push({ kind: 'grants', value: q, range: cr });
              break;
            case 'rule': {
              const rn = this.text(this.tok(cc, 'ruleName'));
              if (rn) clauses.push({ kind: 'rule', name: rn, range: cr });
              break;
            }
            case 'in':
              if (arg) clauses.push({ kind: 'inLane', lane: arg, negated: this.tok(cc, 'negate') !== undefined, range: cr });
              break;
            default:
              break;
          }
        }
        items.push({ kind: 'expect', subject: subject.image === 'lane' ? 'lane' : 'partner', target, clauses, range: ir });
      }
    }
    return { kind: 'test', name, items, range: r, bodyEnd: this.closeOffset(ch, r) };
  }
}

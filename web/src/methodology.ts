// The published methodology in plain language, read from a rule version's
// source with the project's own parser (src/dsl/parse.ts: pure TypeScript,
// the same code as the CLI and the server): the rule set's description, then
// per lane what it grants and how a rule is chosen, and per rule when it
// applies (the condition as written, with the definitions it names and
// their comments), the role it gives and how the credit is split.
import { parseSource } from '../../src/dsl/parse.js';
import type { Ast } from '../../src/dsl/index.js';

export interface PlainRule {
  name: string;
  when: string;
  role: string | null;
  credit: string;
  priority: string | null;
  note: string | null;
}
export interface PlainLane {
  name: string;
  grants: string;
  hitPolicy: string;
  rules: PlainRule[];
  fallback: string | null;
}
export interface PlainMethodology {
  title: string | null;
  description: string | null;
  owner: string | null;
  intro: string[];
  definitions: Array<{ name: string; means: string; note: string | null }>;
  lanes: PlainLane[];
}

const HIT_POLICY: Record<string, string> = {
  first: 'the first rule, top to bottom, that matches at least one touch decides',
  priority: 'the matching rule with the lowest priority number decides',
  unique: 'rules do not overlap; the one that matches decides',
};

const CREDIT: Record<string, string> = {
  first_touch: 'all of it to the earliest counting touch',
  last_touch: 'all of it to the latest counting touch',
  linear: 'split equally across the counting touches',
  u_shaped: 'most to the first and last counting touches, the rest across the middle',
  w_shaped: 'most to the first, a middle and the last counting touches',
  time_decay: 'more to recent touches, less to older ones',
  none: 'no credit (the deal is held for review)',
};

function valueText(v: Ast.Value | null | undefined, source: string): string {
  if (!v) return '';
  return source.slice(v.range.start.offset, v.range.end.offset);
}

export function describeMethodology(source: string): PlainMethodology {
  const { ast, comments } = parseSource(source);
  // Comment lines ending right above a declaration describe it.
  const commentByLine = new Map<number, string>();
  for (const c of comments) commentByLine.set(c.startLine ?? 0, c.image.replace(/^--\s?/, '').trim());
  const noteAbove = (line: number): string | null => {
    const lines: string[] = [];
    for (let l = line - 1; commentByLine.has(l); l--) lines.unshift(commentByLine.get(l)!);
    return lines.length ? lines.join(' ') : null;
  };
  const header = ast.header;
  const intro: string[] = [];
  if (header) {
    const first = header.range.start.line;
    const note = noteAbove(first);
    if (note) intro.push(note);
  }
  const definitions: PlainMethodology['definitions'] = [];
  const lanes: PlainLane[] = [];
  for (const item of ast.items) {
    if (item.kind === 'define' && item.condition) {
      definitions.push({
        name: item.name.name,
        means: source.slice(item.condition.range.start.offset, item.condition.range.end.offset),
        note: noteAbove(item.range.start.line),
      });
    } else if (item.kind === 'lane') {
      const rules: PlainRule[] = [];
      let fallback: string | null = null;
      for (const r of item.items) {
        if (r.kind === 'rule') {
          let role: string | null = null;
          let credit = 'split by the default model';
          for (const s of r.body) {
            if (s.kind === 'role') role = s.role.name;
            if (s.kind === 'credit') {
              const name = s.model.name.name;
              credit = CREDIT[name] ?? name.replace(/_/g, ' ');
            }
          }
          rules.push({
            name: r.name.text,
            when: r.when ? source.slice(r.when.range.start.offset, r.when.range.end.offset) : 'always',
            role,
            credit,
            priority: r.priority ? valueText(r.priority, source) : null,
            note: noteAbove(r.range.start.line),
          });
        } else {
          fallback = `Otherwise: role ${r.role.name}${r.accountPartners ? ' for the account’s partners' : ''}${r.credit ? `, ${CREDIT[r.credit.name] ?? r.credit.name}` : ''}.`;
        }
      }
      lanes.push({
        name: item.name.name,
        grants: item.grants ? valueText(item.grants, source) : '100%',
        hitPolicy: HIT_POLICY[item.hitPolicy?.name ?? 'first'] ?? item.hitPolicy?.name ?? 'first',
        rules,
        fallback,
      });
    }
  }
  return {
    title: header?.title ?? null,
    description: header?.description?.text ?? null,
    owner: header?.owner?.text ?? null,
    intro,
    definitions,
    lanes,
  };
}

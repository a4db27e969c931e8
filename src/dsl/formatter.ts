// The formatter: canonical layout, idempotent, and every comment kept —
// comments on their own line stay above the next thing, comments at the end
// of a line stay at the end of that line.
import type { IToken } from 'chevrotain';
import type * as A from './ast.js';
import type { Diagnostic } from './diagnostics.js';
import { parseSource } from './parse.js';
import { printCondition, printLaneHead, printOtherwise, printRuleHead, printStatement, printTestItem, quote } from './printer.js';

interface SourceComment {
  start: number;
  end: number;
  text: string;
  used: boolean;
}

class Layout {
  private readonly lines: string[] = [];
  constructor(
    private readonly source: string,
    private readonly comments: SourceComment[],
  ) {}

  private pad(indent: number): string {
    return '  '.repeat(indent);
  }

  /** Comments before `offset` go on their own lines, above what comes next. */
  flushBefore(offset: number, indent: number): void {
    for (const c of this.comments) {
      if (c.used || c.start >= offset) continue;
      c.used = true;
      if (this.hadBlankLineBefore(c.start) && this.lines.length > 0 && this.last() !== '' && !this.last().endsWith('{'))
        this.lines.push('');
      this.lines.push(this.pad(indent) + c.text);
    }
  }

  private hadBlankLineBefore(offset: number): boolean {
    const before = this.source.slice(0, offset);
    return /\n[ \t\r]*\n[ \t]*$/.test(before);
  }

  private last(): string {
    return this.lines[this.lines.length - 1] ?? '';
  }

  /** Emits one line for source text [start, end) and keeps a comment that ended that line. */
  line(indent: number, text: string, start: number, end: number): void {
    this.flushBefore(start, indent);
    let out = this.pad(indent) + text;
    for (const c of this.comments) {
      if (c.used || c.start < end) continue;
      const between = this.source.slice(end, c.start);
      if (/^[ \t{]*$/.test(between)) {
        c.used = true;
        out += `  ${c.text}`;
      }
      break;
    }
    // Comments inside the printed span move above it.
    const inside = this.comments.filter((c) => !c.used && c.start >= start && c.start < end);
    if (inside.length > 0) {
      for (const c of inside) {
        c.used = true;
        this.lines.push(this.pad(indent) + c.text);
      }
    }
    this.lines.push(out);
  }

  blank(): void {
    if (this.lines.length > 0 && this.last() !== '') this.lines.push('');
  }

  raw(indent: number, text: string): void {
    this.lines.push(this.pad(indent) + text);
  }

  text(): string {
    while (this.lines.length > 0 && this.last() === '') this.lines.pop();
    return `${this.lines.join('\n')}\n`;
  }
}

/** Offset just after the `{` that opens a block whose head ends at `from`. */
function braceAfter(source: string, from: number): number {
  const i = source.indexOf('{', from);
  return i < 0 ? from : i + 1;
}

function formatAst(ast: A.RuleFile, source: string, tokens: IToken[]): string {
  const comments: SourceComment[] = tokens
    .map((t) => ({
      start: t.startOffset,
      end: (t.endOffset ?? t.startOffset) + 1,
      text: t.image.trimEnd(),
      used: false,
    }))
    .sort((a, b) => a.start - b.start);
  const out = new Layout(source, comments);
  const h = ast.header;
  if (h) {
    const clause = (kind: string) => h.clauses.find((c) => c.kind === kind)?.range ?? h.range;
    if (h.key) {
      const r = clause('ruleset');
      out.line(0, `ruleset ${h.key.name}${h.title !== null ? ` ${quote(h.title)}` : ''}`, r.start.offset, r.end.offset);
    }
    if (h.version) {
      const r = clause('version');
      out.line(0, `version ${/^\d+$/.test(h.version.text) ? h.version.text : quote(h.version.text)}`, r.start.offset, r.end.offset);
    }
    if (h.effectiveFrom) {
      const r = clause('effective');
      out.line(
        0,
        `effective from ${h.effectiveFrom.text}${h.effectiveTo ? ` to ${h.effectiveTo.text}` : ''}`,
        r.start.offset,
        r.end.offset,
      );
    }
    if (h.owner) {
      const r = clause('owner');
      out.line(0, `owner ${quote(h.owner.text)}`, r.start.offset, r.end.offset);
    }
    if (h.description) {
      const r = clause('description');
      out.line(0, `description ${quote(h.description.text)}`, r.start.offset, r.end.offset);
    }
  }
  let prevKind: string | null = null;
  for (const item of ast.items) {
    const groupable = item.kind === 'define' || item.kind === 'roles';
    if (!(groupable && prevKind === item.kind)) out.blank();
    prevKind = item.kind;
    switch (item.kind) {
      case 'roles':
        out.line(0, `roles ${item.roles.map((r) => r.name).join(', ')}`, item.range.start.offset, item.range.end.offset);
        break;
      case 'define':
        out.line(
          0,
          `define ${item.name.name} as ${item.condition ? printCondition(item.condition) : ''}`.trimEnd(),
          item.range.start.offset,
          item.range.end.offset,
        );
        break;
      case 'lane': {
        const headEnd = braceAfter(source, (item.hitPolicy ?? item.grants ?? item.name).range.end.offset);
        out.line(0, `${printLaneHead(item)} {`, item.range.start.offset, headEnd);
        item.items.forEach((li, i) => {
          if (li.kind === 'rule') {
            if (i > 0) out.blank();
            const headFrom = (li.when ?? li.priority ?? li.name).range.end.offset;
            out.line(1, `${printRuleHead(li)} {`, li.range.start.offset, braceAfter(source, headFrom));
            for (const s of li.body) out.line(2, printStatement(s), s.range.start.offset, s.range.end.offset);
            out.flushBefore(li.bodyEnd, 2);
            out.line(1, '}', li.bodyEnd, li.bodyEnd + 1);
          } else {
            if (i > 0 && item.items[i - 1]?.kind === 'rule') out.blank();
            out.line(1, printOtherwise(li), li.range.start.offset, li.range.end.offset);
          }
        });
        out.flushBefore(item.bodyEnd, 1);
        out.line(0, '}', item.bodyEnd, item.bodyEnd + 1);
        break;
      }
      case 'test': {
        out.line(0, `test ${quote(item.name.text)} {`, item.range.start.offset, braceAfter(source, item.name.range.end.offset));
        for (const ti of item.items) out.line(1, printTestItem(ti), ti.range.start.offset, ti.range.end.offset);
        out.flushBefore(item.bodyEnd, 1);
        out.line(0, '}', item.bodyEnd, item.bodyEnd + 1);
        break;
      }
    }
  }
  out.flushBefore(Number.POSITIVE_INFINITY, 0);
  return out.text();
}

interface FormatResult {
  ok: boolean;
  text: string;
  diagnostics: Diagnostic[];
}

/**
 * Formats a rule file. A file with syntax errors is returned unchanged
 * (ok: false) with the diagnostics: formatting must never lose text.
 */
export function formatRules(source: string, file?: string): FormatResult {
  const parsed = parseSource(source, file);
  const errors = parsed.diagnostics.filter((d) => d.severity === 'error');
  const dupHeader = parsed.ast.header && new Set(parsed.ast.header.clauses.map((c) => c.kind)).size !== parsed.ast.header.clauses.length;
  if (errors.length > 0 || dupHeader) {
    return { ok: false, text: source, diagnostics: parsed.diagnostics };
  }
  return { ok: true, text: formatAst(parsed.ast, source, parsed.comments), diagnostics: parsed.diagnostics };
}

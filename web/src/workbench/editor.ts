// The rule editor: CodeMirror 6 with the rules language's highlighting (the
// project's own lexer), live diagnostics (@codemirror/lint), completion and
// hover — all from the language service `attrib lsp` uses
// (src/dsl/language/service.ts), run here in the browser.
import { autocompletion, type CompletionContext, type CompletionResult } from '@codemirror/autocomplete';
import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import { linter, lintGutter, type Diagnostic as CmDiagnostic } from '@codemirror/lint';
import { EditorState, RangeSetBuilder, type Extension } from '@codemirror/state';
import {
  Decoration,
  EditorView,
  hoverTooltip,
  keymap,
  lineNumbers,
  ViewPlugin,
  highlightActiveLine,
  type DecorationSet,
  type ViewUpdate,
} from '@codemirror/view';
import { tokenMatcher } from 'chevrotain';
import { complete, diagnose, diagnosticMessage, hover, type CompletionKind } from '../../../src/dsl/language/service.js';
import * as T from '../../../src/dsl/lexer.js';
import { CREDIT_MODELS } from '../../../src/dsl/schema.js';
import type { Vocabulary } from '../../../src/domain/taxonomy.js';

const MODELS: ReadonlySet<string> = new Set(CREDIT_MODELS);
const mark = (cls: string) => Decoration.mark({ class: cls });
const MARKS = {
  keyword: mark('tok-keyword'),
  soft: mark('tok-soft'),
  string: mark('tok-string'),
  number: mark('tok-number'),
  comment: mark('tok-comment'),
  model: mark('tok-model'),
  operator: mark('tok-operator'),
};

/** Token classes from the lexer (the same tokens the parser reads). */
function highlight(view: EditorView): DecorationSet {
  const text = view.state.doc.toString();
  const { tokens, comments } = T.lex(text);
  const spans: Array<{ from: number; to: number; deco: Decoration }> = [];
  for (const t of tokens) {
    const from = t.startOffset;
    const to = (t.endOffset ?? t.startOffset) + 1;
    let deco: Decoration | null = null;
    if (tokenMatcher(t, T.StringLit) || tokenMatcher(t, T.UnterminatedString)) deco = MARKS.string;
    else if (tokenMatcher(t, T.NumberLit) || tokenMatcher(t, T.DateLit)) deco = MARKS.number;
    else if (T.RESERVED_WORDS.has(t.image) && t.tokenType !== T.Identifier) deco = MARKS.keyword;
    else if (T.SOFT_WORDS.has(t.image)) deco = MARKS.soft;
    else if (MODELS.has(t.image)) deco = MARKS.model;
    else if (/^(?:!=|<=|>=|[<>=≠≤≥])$/.test(t.image)) deco = MARKS.operator;
    if (deco) spans.push({ from, to, deco });
  }
  for (const c of comments) spans.push({ from: c.startOffset, to: (c.endOffset ?? c.startOffset) + 1, deco: MARKS.comment });
  spans.sort((a, b) => a.from - b.from);
  const builder = new RangeSetBuilder<Decoration>();
  for (const s of spans) builder.add(s.from, s.to, s.deco);
  return builder.finish();
}

const highlighter = ViewPlugin.fromClass(
  class {
    decorations: DecorationSet;
    constructor(view: EditorView) {
      this.decorations = highlight(view);
    }
    update(u: ViewUpdate) {
      if (u.docChanged) this.decorations = highlight(u.view);
    }
  },
  { decorations: (v) => v.decorations },
);

const COMPLETION_TYPE: Record<CompletionKind, string> = {
  field: 'property',
  value: 'enum',
  model: 'function',
  keyword: 'keyword',
  definition: 'variable',
  role: 'constant',
  lane: 'namespace',
  option: 'constant',
  property: 'property',
};

export interface RuleEditorOptions {
  doc: string;
  vocabulary: () => Vocabulary;
  onChange: (text: string) => void;
  /** Called with the checker's diagnostics after each lint pass. */
  onDiagnostics: (diagnostics: ReturnType<typeof diagnose>) => void;
  readOnly?: boolean;
}

export function ruleEditorExtensions(o: RuleEditorOptions): Extension[] {
  return [
    lineNumbers(),
    history(),
    highlightActiveLine(),
    keymap.of([...defaultKeymap, ...historyKeymap, indentWithTab]),
    highlighter,
    lintGutter(),
    linter(
      (view): CmDiagnostic[] => {
        const text = view.state.doc.toString();
        const ds = diagnose(text, { vocabulary: o.vocabulary() });
        o.onDiagnostics(ds);
        return ds.map((d) => ({
          from: Math.min(d.range.start.offset, text.length),
          to: Math.min(Math.max(d.range.end.offset, d.range.start.offset), text.length),
          severity: d.severity === 'info' ? 'info' : d.severity,
          message: diagnosticMessage(d),
          source: d.code,
        }));
      },
      { delay: 250 },
    ),
    autocompletion({
      override: [
        (ctx: CompletionContext): CompletionResult | null => {
          const text = ctx.state.doc.toString();
          const c = complete(text, ctx.pos, { vocabulary: o.vocabulary() });
          if (c.items.length === 0) return null;
          if (!ctx.explicit && c.from === ctx.pos && !/[ .[,]$/.test(text.slice(0, ctx.pos))) return null;
          return {
            from: c.from,
            to: c.to,
            options: c.items.map((i, n) => ({
              label: i.label,
              type: COMPLETION_TYPE[i.kind],
              detail: i.detail,
              boost: -n / 1000,
              ...(i.documentation ? { info: i.documentation } : {}),
            })),
            validFor: /^[A-Za-z0-9_]*$/,
          };
        },
      ],
    }),
    hoverTooltip((view, pos) => {
      const h = hover(view.state.doc.toString(), pos, { vocabulary: o.vocabulary() });
      if (!h) return null;
      return {
        pos: h.from,
        end: h.to,
        above: true,
        create: () => {
          const dom = document.createElement('div');
          dom.className = 'wb-hover';
          // The service answers Markdown with **bold** and `code` only: render those two safely.
          for (const part of h.contents.split(/(\*\*[^*]+\*\*|`[^`]+`)/)) {
            if (!part) continue;
            const el = part.startsWith('**')
              ? document.createElement('strong')
              : part.startsWith('`')
                ? document.createElement('code')
                : null;
            if (el) {
              el.textContent = part.replace(/^\*\*|\*\*$|^`|`$/g, '');
              dom.appendChild(el);
            } else dom.appendChild(document.createTextNode(part));
          }
          return { dom };
        },
      };
    }),
    EditorView.updateListener.of((u) => {
      if (u.docChanged) o.onChange(u.state.doc.toString());
    }),
    EditorView.contentAttributes.of({ 'aria-label': 'Rule source', 'aria-multiline': 'true' }),
    EditorState.readOnly.of(o.readOnly ?? false),
  ];
}

export function createRuleEditor(parent: HTMLElement, o: RuleEditorOptions): EditorView {
  return new EditorView({ parent, state: EditorState.create({ doc: o.doc, extensions: ruleEditorExtensions(o) }) });
}

/** Replaces the whole text (format, open another version). */
export function setText(view: EditorView, text: string): void {
  view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } });
}

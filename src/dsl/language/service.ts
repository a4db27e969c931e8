// The language service of the rules language: diagnostics, formatting, hover
// and completion over (source text, taxonomy), for `attrib lsp` and the web
// app's rules workbench alike. Pure functions, no I/O, never throws on input.
//
// Everything it knows comes from the pipeline itself: diagnostics are
// `checkRules` (exactly what `attrib check` reports), formatting is
// `formatRules`, fields and their value types are `src/dsl/schema.ts`,
// keywords are the lexer's, taxonomy values are the Vocabulary in force.
// Offsets are 0-based UTF-16 indexes into the source (as JavaScript strings
// and the Language Server Protocol count them).
import { tokenMatcher, type IToken, type TokenType } from 'chevrotain';
import { DEFAULT_VOCABULARY, kindNoun, TAXONOMY_KINDS, type Vocabulary } from '../../domain/taxonomy.js';
import { defines, roleDecls, type RuleFile } from '../ast.js';
import { checkRules } from '../compiler.js';
import type { Diagnostic } from '../diagnostics.js';
import { formatRules } from '../formatter.js';
import * as T from '../lexer.js';
import { parseSource } from '../parse.js';
import { printCondition } from '../printer.js';
import {
  CREDIT_MODEL_DESCRIPTIONS,
  CREDIT_MODELS,
  ENUM_PROPS,
  FIELDS,
  GIVEN_PROPERTIES,
  HIT_POLICIES,
  HIT_POLICY_DESCRIPTIONS,
  LANE_DESCRIPTIONS,
  LANES,
  ROLE_DESCRIPTIONS,
  SELECT_MODE_DESCRIPTIONS,
  SELECT_MODES,
  STANDARD_ROLES,
  WEIGHT_DIMENSIONS,
  WINDOW_ANCHORS,
  type FieldSpec,
  type FieldType,
} from '../schema.js';
import { KEYWORD_DESCRIPTIONS } from './keywords.js';

interface LanguageOptions {
  /** The taxonomy in force (default: the default taxonomy). */
  vocabulary?: Vocabulary;
  /** The file name diagnostics carry. */
  file?: string;
}

export type CompletionKind = 'field' | 'value' | 'model' | 'keyword' | 'definition' | 'role' | 'lane' | 'option' | 'property';

interface CompletionItem {
  label: string;
  kind: CompletionKind;
  /** One line: the type or kind of the item. */
  detail: string;
  /** What it means (plain text, may hold `code`). */
  documentation?: string;
}

interface Completions {
  /** The replaced range: the word being typed, [from, to). */
  from: number;
  to: number;
  items: CompletionItem[];
}

interface HoverInfo {
  from: number;
  to: number;
  /** Markdown. */
  contents: string;
}

export const KEYWORDS: readonly string[] = [...T.RESERVED_WORDS, ...T.SOFT_WORDS].sort();

const vocab = (o: LanguageOptions): Vocabulary => o.vocabulary ?? DEFAULT_VOCABULARY;

/** Diagnostics of a rule file: exactly `attrib check`'s. */
export function diagnose(source: string, options: LanguageOptions = {}): Diagnostic[] {
  return checkRules(source, options.file, { vocabulary: vocab(options) }).diagnostics;
}

/** The formatter's canonical text, or null when the file does not parse (then `diagnostics` says why). */
export function format(source: string): { text: string | null; diagnostics: Diagnostic[] } {
  const f = formatRules(source);
  return { text: f.ok ? f.text : null, diagnostics: f.diagnostics };
}

/** A diagnostic as one message: the checker's message, then its hint (did-you-mean or the fix). */
export function diagnosticMessage(d: Diagnostic): string {
  return d.hint ? `${d.message}\nhint: ${d.hint}` : d.message;
}

// ---------------------------------------------------------------------------
// Token helpers

const is = (t: IToken | undefined, type: TokenType): boolean => t !== undefined && tokenMatcher(t, type);
const isWord = (t: IToken | undefined): boolean => is(t, T.Name);
const tokenEnd = (t: IToken): number => (t.endOffset ?? t.startOffset) + 1;

/** The dotted name whose last segment is tokens[i] (`partner.type`), and the index of its first segment. */
function pathEndingAt(tokens: IToken[], i: number): { path: string; start: number } | null {
  if (!isWord(tokens[i])) return null;
  let j = i;
  while (
    j >= 2 &&
    is(tokens[j - 1], T.Dot) &&
    isWord(tokens[j - 2]) &&
    tokens[j - 1]!.startOffset === tokenEnd(tokens[j - 2]!) &&
    tokens[j]!.startOffset === tokenEnd(tokens[j - 1]!)
  )
    j -= 2;
  return {
    path: tokens
      .slice(j, i + 1)
      .filter((t) => !is(t, T.Dot))
      .map((t) => t.image)
      .join('.'),
    start: j,
  };
}

function enumValues(type: FieldType, vocabulary: Vocabulary): Array<{ key: string; detail: string; doc?: string }> {
  if (type.kind !== 'enum') return [];
  if (type.taxonomy) {
    const kind = type.taxonomy;
    return vocabulary.keys(kind).map((key) => {
      const e = vocabulary.entry(kind, key)!;
      const doc = [e.label, e.description, e.outcome ? `outcome: ${e.outcome}` : null].filter(Boolean).join(' — ');
      return { key, detail: kindNoun(kind), doc };
    });
  }
  return type.values.map((key) => ({ key, detail: type.name }));
}

function typeText(type: FieldType): string {
  switch (type.kind) {
    case 'enum':
      return type.taxonomy ? `${type.name} (taxonomy: ${kindNoun(type.taxonomy)})` : `${type.name}: ${type.values.join(', ')}`;
    case 'money':
      return 'money';
    default:
      return type.kind;
  }
}

function fieldItem(f: FieldSpec, label = f.path): CompletionItem {
  return { label, kind: 'field', detail: `${typeText(f.type)}${f.optional ? ', may be missing' : ''}`, documentation: f.description };
}

/** Defines and roles declared in the file (from a tolerant parse: works on files with errors). */
function fileNames(source: string): { ast: RuleFile; defines: Map<string, string>; roles: string[] } {
  const { ast } = parseSource(source);
  const defs = new Map<string, string>();
  for (const d of defines(ast)) defs.set(d.name.name, d.condition ? printCondition(d.condition) : '');
  const roles = [...(STANDARD_ROLES as readonly string[])];
  for (const r of roleDecls(ast)) for (const role of r.roles) if (!roles.includes(role.name)) roles.push(role.name);
  return { ast, defines: defs, roles };
}

// ---------------------------------------------------------------------------
// Completion

type Context =
  | { kind: 'values'; type: FieldType }
  | { kind: 'subfield'; prefix: string }
  | { kind: 'condition' }
  | { kind: 'models' }
  | { kind: 'roles' }
  | { kind: 'lanes' }
  | { kind: 'select' }
  | { kind: 'policy' }
  | { kind: 'dimension' }
  | { kind: 'anchor' }
  | { kind: 'properties'; subject: string }
  | { kind: 'none' }
  | { kind: 'any' };

/** The `given <subject> [name] {` block the cursor is in, if any, and the index of its `{`. */
function givenBlock(tokens: IToken[]): { subject: string; open: number } | null {
  let depth = 0;
  for (let i = tokens.length - 1; i >= 0; i--) {
    const t = tokens[i]!;
    if (is(t, T.RBrace)) depth++;
    else if (is(t, T.LBrace)) {
      if (depth > 0) {
        depth--;
        continue;
      }
      for (let j = i - 1; j >= Math.max(0, i - 3); j--) {
        if (is(tokens[j], T.Given)) return tokens[j + 1] ? { subject: tokens[j + 1]!.image, open: i } : null;
      }
      return null;
    }
  }
  return null;
}

/** What may come at the end of `tokens` (every token before the word being typed). */
function contextOf(tokens: IToken[]): Context {
  const n = tokens.length;
  const last = tokens[n - 1];
  const prev = tokens[n - 2];
  if (last === undefined) return { kind: 'any' };
  const fieldAt = (i: number): FieldSpec | undefined => {
    const p = pathEndingAt(tokens, i);
    return p ? FIELDS.get(p.path) : undefined;
  };

  // `partner.` → the fields under partner.
  if (is(last, T.Dot) && isWord(prev)) {
    const p = pathEndingAt(tokens, n - 2);
    return p ? { kind: 'subfield', prefix: `${p.path}.` } : { kind: 'none' };
  }

  // Inside `given touch t1 { … }`: property names, and the values of enum properties.
  const block = givenBlock(tokens);
  if (block !== null) {
    const { subject } = block;
    const props = GIVEN_PROPERTIES[subject];
    if (props === undefined) return { kind: 'none' };
    // Properties alternate name, value: is the cursor after a name?
    let afterName: string | null = null;
    for (let i = block.open + 1; i < n; i++) {
      const t = tokens[i]!;
      afterName = afterName === null && isWord(t) && props[t.image] !== undefined ? t.image : null;
    }
    if (afterName !== null) {
      const enumField = ENUM_PROPS[subject]?.[afterName];
      return enumField ? { kind: 'values', type: FIELDS.get(enumField)!.type } : { kind: 'none' };
    }
    return { kind: 'properties', subject };
  }

  // `field is |`, `field is not |`, `field = |`, `field != |`
  if (is(last, T.Is) || is(last, T.Eq) || is(last, T.NotEq)) {
    const f = fieldAt(n - 2);
    if (f) return f.type.kind === 'enum' ? { kind: 'values', type: f.type } : { kind: 'none' };
  }
  if (is(last, T.Not) && is(prev, T.Is)) {
    const f = fieldAt(n - 3);
    if (f?.type.kind === 'enum') return { kind: 'values', type: f.type };
  }
  // `field in [a, |` and `field not in [|`
  {
    let i = n - 1;
    while (i >= 0 && (is(tokens[i], T.Comma) || isWord(tokens[i]) || is(tokens[i], T.StringLit))) {
      if (isWord(tokens[i]) && is(tokens[i - 1], T.Dot)) break;
      i--;
    }
    if (is(tokens[i], T.LBracket) && is(tokens[i - 1], T.In) && (is(last, T.LBracket) || is(last, T.Comma))) {
      const fi = is(tokens[i - 2], T.Not) ? i - 3 : i - 2;
      const f = fieldAt(fi);
      if (f?.type.kind === 'enum') return { kind: 'values', type: f.type };
      if (f) return { kind: 'none' };
    }
  }
  // `weight action |` and `weight action joint_discovery 2, |`
  if (isWord(last) && is(prev, T.Weight)) {
    const dim = WEIGHT_DIMENSIONS.get(last.image);
    return dim ? { kind: 'values', type: dim.type } : { kind: 'none' };
  }
  if (is(last, T.Comma)) {
    for (let i = n - 2; i >= 1 && tokens[i]!.startLine === last.startLine; i--) {
      if (is(tokens[i - 1], T.Weight)) {
        const dim = WEIGHT_DIMENSIONS.get(tokens[i]!.image);
        return dim ? { kind: 'values', type: dim.type } : { kind: 'none' };
      }
    }
  }
  if (is(last, T.Weight)) return { kind: 'dimension' };
  if (is(last, T.Credit)) return { kind: 'models' };
  if (is(last, T.Role)) return { kind: 'roles' };
  if (is(last, T.Lane)) return { kind: 'lanes' };
  if (is(last, T.Select)) return { kind: 'select' };
  if (is(last, T.Policy)) return { kind: 'policy' };
  if (is(last, T.Before) || is(last, T.After)) return { kind: 'anchor' };
  if (
    is(last, T.When) ||
    is(last, T.And) ||
    is(last, T.Or) ||
    is(last, T.Not) ||
    is(last, T.LParen) ||
    (is(last, T.As) && !is(prev, T.Given))
  )
    return { kind: 'condition' };
  if (is(last, T.StringLit) || is(last, T.NumberLit) || is(last, T.DateLit)) return { kind: 'any' };
  return { kind: 'any' };
}

/** What can be written at `offset`. */
export function complete(source: string, offset: number, options: LanguageOptions = {}): Completions {
  const at = Math.max(0, Math.min(offset, source.length));
  let from = at;
  while (from > 0 && /[A-Za-z0-9_]/.test(source[from - 1]!)) from--;
  let to = at;
  while (to < source.length && /[A-Za-z0-9_]/.test(source[to]!)) to++;
  const typed = source.slice(from, at).toLowerCase();
  const lexed = T.lex(source.slice(0, from));
  const none: Completions = { from, to, items: [] };
  // In a comment or an unclosed text: nothing to offer.
  const lastComment = lexed.comments[lexed.comments.length - 1];
  if (lastComment && tokenEnd(lastComment) >= from && !/[\r\n]/.test(source.slice(tokenEnd(lastComment), from))) return none;
  const tokens = lexed.tokens;
  if (tokens.some((t) => t.tokenType === T.UnterminatedString && tokenEnd(t) >= from)) return none;

  const vocabulary = vocab(options);
  const ctx = contextOf(tokens);
  const items: CompletionItem[] = [];
  const names = () => fileNames(source);
  const add = (i: CompletionItem) => {
    if (i.label.toLowerCase().startsWith(typed)) items.push(i);
  };
  const addFields = () => {
    for (const f of FIELDS.values()) add(fieldItem(f));
  };
  const addDefines = () => {
    for (const [name, cond] of names().defines)
      add({ label: name, kind: 'definition', detail: 'definition', documentation: `define ${name} as ${cond}` });
  };
  const addKeywords = () => {
    for (const k of KEYWORDS) add({ label: k, kind: 'keyword', detail: 'keyword', documentation: KEYWORD_DESCRIPTIONS[k] });
  };

  switch (ctx.kind) {
    case 'none':
      break;
    case 'values':
      for (const v of enumValues(ctx.type, vocabulary))
        add({ label: v.key, kind: 'value', detail: v.detail, ...(v.doc ? { documentation: v.doc } : {}) });
      break;
    case 'subfield':
      for (const f of FIELDS.values()) {
        if (f.path.startsWith(ctx.prefix)) add(fieldItem(f, f.path.slice(ctx.prefix.length)));
      }
      break;
    case 'condition':
      addFields();
      addDefines();
      for (const k of ['not', 'within', 'no'])
        add({ label: k, kind: 'keyword', detail: 'keyword', documentation: KEYWORD_DESCRIPTIONS[k] });
      break;
    case 'models':
      for (const m of CREDIT_MODELS) add({ label: m, kind: 'model', detail: 'credit model', documentation: CREDIT_MODEL_DESCRIPTIONS[m] });
      break;
    case 'roles':
      for (const r of names().roles) {
        const doc = (ROLE_DESCRIPTIONS as Record<string, string>)[r];
        add({ label: r, kind: 'role', detail: 'role', ...(doc ? { documentation: doc } : { documentation: 'declared in this file' }) });
      }
      break;
    case 'lanes':
      for (const l of LANES) add({ label: l, kind: 'lane', detail: 'lane', documentation: LANE_DESCRIPTIONS[l] });
      break;
    case 'select':
      for (const s of SELECT_MODES) add({ label: s, kind: 'option', detail: 'select', documentation: SELECT_MODE_DESCRIPTIONS[s] });
      break;
    case 'policy':
      for (const p of HIT_POLICIES) add({ label: p, kind: 'option', detail: 'hit policy', documentation: HIT_POLICY_DESCRIPTIONS[p] });
      break;
    case 'dimension':
      for (const d of WEIGHT_DIMENSIONS.values())
        add({ label: d.name, kind: 'option', detail: `weight dimension: ${typeText(d.type)}`, documentation: d.description });
      break;
    case 'anchor':
      for (const a of Object.keys(WINDOW_ANCHORS)) add({ label: a, kind: 'option', detail: `window anchor (${WINDOW_ANCHORS[a]} date)` });
      break;
    case 'properties':
      for (const [p, kind] of Object.entries(GIVEN_PROPERTIES[ctx.subject] ?? {}))
        add({ label: p, kind: 'property', detail: `${ctx.subject} property (${kind})` });
      break;
    case 'any':
      addKeywords();
      addFields();
      addDefines();
      break;
  }
  return { from, to, items };
}

// ---------------------------------------------------------------------------
// Hover

function taxonomyHover(word: string, vocabulary: Vocabulary, only?: FieldType): string | null {
  const lines: string[] = [];
  const kinds = only?.kind === 'enum' && only.taxonomy ? [only.taxonomy] : TAXONOMY_KINDS;
  for (const kind of kinds) {
    const e = vocabulary.entry(kind, word);
    if (!e) continue;
    const extra = [
      e.description,
      e.outcome ? `outcome: **${e.outcome}**` : null,
      e.active ? null : '**retired**: kept on old records, refused on new ones',
    ]
      .filter(Boolean)
      .join('; ');
    lines.push(`**${word}**: ${kindNoun(kind)} — ${e.label}${extra ? ` (${extra})` : ''}`);
  }
  if (only?.kind === 'enum' && !only.taxonomy && only.values.includes(word)) lines.push(`**${word}**: ${only.name}`);
  return lines.length > 0 ? lines.join('\n\n') : null;
}

/** What the word at `offset` means: a field, model, keyword, definition, role, lane or taxonomy value. */
export function hover(source: string, offset: number, options: LanguageOptions = {}): HoverInfo | null {
  const { tokens } = T.lex(source);
  const i = tokens.findIndex((t) => t.startOffset <= offset && offset < tokenEnd(t));
  if (i < 0 || !isWord(tokens[i])) return null;
  const tok = tokens[i]!;
  const vocabulary = vocab(options);
  const word = tok.image;
  const range = { from: tok.startOffset, to: tokenEnd(tok) };
  const prev = tokens[i - 1];
  const result = (contents: string): HoverInfo => ({ ...range, contents });

  // Model, role, lane, select mode, hit policy, weight dimension by position.
  if (is(prev, T.Credit) && word in CREDIT_MODEL_DESCRIPTIONS) {
    return result(`**${word}** (credit model): ${CREDIT_MODEL_DESCRIPTIONS[word as keyof typeof CREDIT_MODEL_DESCRIPTIONS]}`);
  }
  if (is(prev, T.Select) && word in SELECT_MODE_DESCRIPTIONS)
    return result(`**select ${word}**: ${SELECT_MODE_DESCRIPTIONS[word as keyof typeof SELECT_MODE_DESCRIPTIONS]}`);
  if (is(prev, T.Policy) && word in HIT_POLICY_DESCRIPTIONS)
    return result(`**hit policy ${word}**: ${HIT_POLICY_DESCRIPTIONS[word as keyof typeof HIT_POLICY_DESCRIPTIONS]}`);
  if (is(prev, T.Lane) && word in LANE_DESCRIPTIONS)
    return result(`**lane ${word}**: ${LANE_DESCRIPTIONS[word as keyof typeof LANE_DESCRIPTIONS]}`);
  if (is(prev, T.Role)) {
    const doc = (ROLE_DESCRIPTIONS as Record<string, string>)[word];
    return result(`**${word}** (role)${doc ? `: ${doc}` : ''}`);
  }
  if (is(prev, T.Weight)) {
    const d = WEIGHT_DIMENSIONS.get(word);
    if (d) return result(`**weight ${word}** (${typeText(d.type)}): ${d.description}`);
  }

  // A field (or a segment of one), unless the word is a keyword here (`expect partner …`, `lane source …`).
  const startOfPath = pathEndingAt(tokens, i);
  let end = i;
  while (is(tokens[end + 1], T.Dot) && isWord(tokens[end + 2]) && tokens[end + 1]!.startOffset === tokenEnd(tokens[end]!)) end += 2;
  const full = pathEndingAt(tokens, end);
  const asKeyword = (tok.tokenType !== T.Identifier && !T.SOFT_WORDS.has(word)) || is(prev, T.Expect) || is(prev, T.For);
  if (!asKeyword) {
    for (const p of [full, startOfPath]) {
      const f = p ? FIELDS.get(p.path) : undefined;
      if (f && p) {
        const values =
          f.type.kind === 'enum'
            ? `\n\nValues: ${enumValues(f.type, vocabulary)
                .map((v) => `\`${v.key}\``)
                .join(', ')}`
            : '';
        return {
          from: tokens[p.start]!.startOffset,
          to: tokenEnd(tokens[p === full ? end : i]!),
          contents: `**${f.path}** (field: ${typeText(f.type)}${f.optional ? ', may be missing' : ''}): ${f.description}${values}`,
        };
      }
    }
  }

  // A value compared with a field: that field's taxonomy kind.
  let compared: FieldType | undefined;
  {
    let j = i - 1;
    while (j >= 0 && (is(tokens[j], T.Comma) || is(tokens[j], T.LBracket) || is(tokens[j], T.Identifier))) j--;
    if (is(tokens[j], T.In) || is(tokens[j], T.Is) || is(tokens[j], T.Eq) || is(tokens[j], T.NotEq)) {
      let k = j - 1;
      if (is(tokens[k], T.Not)) k--;
      const p = pathEndingAt(tokens, k);
      compared = p ? FIELDS.get(p.path)?.type : undefined;
    }
  }
  if (!asKeyword || tok.tokenType === T.Identifier) {
    const names = fileNames(source);
    const def = names.defines.get(word);
    if (def !== undefined) return result(`**${word}** (definition): \`define ${word} as ${def}\``);
    const tx = taxonomyHover(word, vocabulary, compared);
    if (tx) return result(tx);
    if (word in CREDIT_MODEL_DESCRIPTIONS)
      return result(`**${word}** (credit model): ${CREDIT_MODEL_DESCRIPTIONS[word as keyof typeof CREDIT_MODEL_DESCRIPTIONS]}`);
    const role = (ROLE_DESCRIPTIONS as Record<string, string>)[word];
    if (role) return result(`**${word}** (role): ${role}`);
  }
  const kw = KEYWORD_DESCRIPTIONS[word];
  if (kw && (T.RESERVED_WORDS.has(word) || T.SOFT_WORDS.has(word))) return result(`**${word}** (keyword): ${kw}`);
  return null;
}

// ---------------------------------------------------------------------------
// Positions

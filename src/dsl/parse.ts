// Lexing + parsing + AST building as one pure step that never throws: any
// input yields an AST (possibly partial) and diagnostics with positions.
import type { IRecognitionException, IToken } from 'chevrotain';
import { AstBuilder } from './build.js';
import type { RuleFile } from './ast.js';
import { diagnostic, positionAt, rangeAt, type Diagnostic } from './diagnostics.js';
import { lex, UnterminatedString } from './lexer.js';
import { parseTokens } from './parser.js';

interface ParseResult {
  ast: RuleFile;
  comments: IToken[];
  diagnostics: Diagnostic[];
}

const LABELS: Record<string, string> = {
  NumberLit: 'a number',
  StringLit: 'a quoted text',
  Identifier: 'a name',
  Name: 'a name',
  DateLit: 'a date (YYYY-MM-DD)',
  LBrace: '`{`',
  RBrace: '`}`',
  LParen: '`(`',
  RParen: '`)`',
  LBracket: '`[`',
  RBracket: '`]`',
  Comma: '`,`',
  Dot: '`.`',
  Slash: '`/`',
  PercentSign: '`%`',
  Eq: '`=`',
  NotEq: '`!=`',
  Lt: '`<`',
  LtEq: '`<=`',
  Gt: '`>`',
  GtEq: '`>=`',
  EOF: 'the end of the file',
};

function label(tokenName: string): string {
  return LABELS[tokenName] ?? `\`${tokenName.toLowerCase()}\``;
}

const CONTEXT_HINTS: Record<string, string> = {
  laneDecl: 'a lane reads: lane source grants 100% { rule "Name" when … { … } }',
  ruleDecl: 'a rule reads: rule "Name" priority 1 when <condition> { role … credit … }',
  ruleStatement: 'inside a rule use: role, select, credit, weight, cap or floor',
  otherwiseDecl: 'e.g. otherwise role attached for partners on account',
  comparisonTail: 'compare a field with: is, is not, in [..], not in [..], =, !=, <, <=, >, >=, is present, is missing',
  windowCond: 'a time window reads: within 90 days before close, or no later than 14 days after created',
  quantity: 'write a number, optionally with a unit: 100%, 30 days, 1.5',
  weightStmt: 'weights read: weight action joint_discovery 2, validated_intro 1.5',
  weightEntry: 'weights read: weight action joint_discovery 2, or weight depth at least 4 by 1.2',
  creditStmt: 'e.g. credit linear, credit u_shaped 40/20/40, credit time_decay half life 7 days',
  testDecl: 'a test holds given …, as of …, and expect … lines',
  givenItem: 'e.g. given touch t1 { partner acme action referral channel referral on 2026-01-05 }',
  property: 'properties are a name followed by one value: amount 1000.00, on 2026-01-05, proof "link"',
  expectItem: 'e.g. expect partner acme role sourced share 100% amount 1000.00 in lane source',
  expectClause: 'after expect partner/lane use: role, share, amount, grants, rule "…", in lane …, not in lane …',
  rulesetClause: 'the header starts with: ruleset <key> "Title"',
  effectiveClause: 'e.g. effective from 2026-01-01 to 2026-12-31',
  defineDecl: 'e.g. define early_origin as action in [referral, deal_registration]',
  list: 'a list reads [referral, deal_registration]: values separated by commas, closed with ]',
  value: 'a value is a name (referral), "text", a number (30, 40%, 7 days) or a date (2026-01-31)',
  topItem: 'a rule file holds a header (ruleset, version, effective, owner, description), then define, roles, lane and test blocks',
};

/** The human names of the tokens a Chevrotain message says were expected. */
function expectedFrom(message: string): string[] {
  const head = message.split(/but found/)[0] ?? '';
  const names = new Set<string>();
  const show = (raw: string) => (raw.startsWith("'") ? `\`${raw.slice(1, -1)}\`` : label(raw));
  for (const m of head.matchAll(/-->\s*('[^']*'|[A-Za-z]+)\s*<--/g)) names.add(show(m[1]!));
  for (const m of head.matchAll(/\d+\.\s*\[('[^']*'|[A-Za-z]+)/g)) names.add(show(m[1]!));
  return [...names].slice(0, 8);
}

function syntaxDiagnostic(e: IRecognitionException, source: string): Diagnostic {
  const t = e.token;
  const atEnd = !Number.isFinite(t.startOffset) || t.tokenType?.name === 'EOF';
  const start = atEnd ? source.length : t.startOffset;
  const end = atEnd ? source.length : (t.endOffset ?? t.startOffset) + 1;
  const found = atEnd ? 'the end of the file' : `\`${t.image}\``;
  const expected = expectedFrom(e.message);
  const rule = e.context?.ruleStack?.[e.context.ruleStack.length - 1] ?? '';
  const what = expected.length > 0 ? `expected ${expected.join(' or ')}, found ${found}` : `unexpected ${found}`;
  const code = e.name === 'MismatchedTokenException' ? 'syntax-expected' : 'syntax-unexpected';
  return diagnostic(code, 'error', what, rangeAt(source, start, end), CONTEXT_HINTS[rule]);
}

/** Deeper nesting than any real policy needs; refusing it keeps every stage's recursion bounded. */
const MAX_NESTING = 64;

function nestingProblem(tokens: IToken[]): IToken | null {
  let depth = 0;
  let nots = 0;
  for (const t of tokens) {
    const name = t.tokenType.name;
    if (name === 'LParen' || name === 'LBracket' || name === 'LBrace') {
      depth++;
      if (depth > MAX_NESTING) return t;
    } else if (name === 'RParen' || name === 'RBracket' || name === 'RBrace') depth = Math.max(0, depth - 1);
    if (name === 'Not') {
      nots++;
      if (nots > MAX_NESTING) return t;
    } else nots = 0;
  }
  return null;
}

const emptyFile = (source: string): RuleFile => ({ header: null, items: [], range: rangeAt(source, 0, source.length) });

export function parseSource(source: string, file?: string): ParseResult {
  const diagnostics: Diagnostic[] = [];
  const lexed = lex(source);
  for (const err of lexed.errors) {
    const start = err.offset;
    const ch = source.slice(start, start + err.length);
    diagnostics.push(
      diagnostic(
        'syntax-character',
        'error',
        `unexpected character \`${ch}\``,
        rangeAt(source, start, start + err.length),
        'names use letters, digits and _; text goes in "double quotes"; comments start with --',
      ),
    );
  }
  const tokens: IToken[] = [];
  for (const t of lexed.tokens) {
    if (t.tokenType === UnterminatedString) {
      diagnostics.push(
        diagnostic(
          'syntax-string',
          'error',
          'this text has no closing `"`',
          rangeAt(source, t.startOffset, t.endOffset! + 1),
          'close the quote on the same line',
        ),
      );
      continue;
    }
    tokens.push(t);
  }
  const tooDeep = nestingProblem(tokens);
  if (tooDeep) {
    const d = diagnostic(
      'nesting-too-deep',
      'error',
      `this is nested more than ${MAX_NESTING} levels deep`,
      rangeAt(source, tooDeep.startOffset, tooDeep.endOffset! + 1),
      'split the condition into named definitions (define … as …)',
    );
    if (file !== undefined) d.file = file;
    return { ast: emptyFile(source), comments: lexed.comments, diagnostics: [...diagnostics, d] };
  }
  let parsed: ReturnType<typeof parseTokens>;
  try {
    parsed = parseTokens(tokens);
  } catch (err) {
    const d = diagnostic(
      'internal',
      'error',
      `could not read this file: ${(err as Error).message}`,
      rangeAt(source, 0, 0),
      'simplify the file, and please report it to the maintainers',
    );
    if (file !== undefined) d.file = file;
    return { ast: emptyFile(source), comments: lexed.comments, diagnostics: [...diagnostics, d] };
  }
  // Recovery can report the same spot twice; keep the first per offset.
  const seen = new Set<number>();
  for (const e of parsed.errors) {
    const d = syntaxDiagnostic(e, source);
    if (seen.has(d.range.start.offset)) continue;
    seen.add(d.range.start.offset);
    diagnostics.push(d);
  }
  let ast: RuleFile;
  try {
    ast = new AstBuilder(source).file(parsed.cst);
  } catch (err) {
    // The builder is written to tolerate any recovered tree; if it ever
    // fails, report it as a diagnostic rather than crash the caller.
    ast = emptyFile(source);
    diagnostics.push(
      diagnostic(
        'internal',
        'error',
        `could not read this file: ${(err as Error).message}`,
        { start: positionAt(source, 0), end: positionAt(source, 0) },
        'please report this file to the maintainers',
      ),
    );
  }
  if (file !== undefined) for (const d of diagnostics) d.file = file;
  return { ast, comments: lexed.comments, diagnostics };
}

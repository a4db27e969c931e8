// Stage 1: tokens of the rules language (Chevrotain lexer).
//
// Keywords come in two kinds. "Reserved" words (and, or, when, lane, ...) can
// never be a field or a value. "Soft" words (partner, account, owner, amount,
// ...) are keywords in some places but also ordinary names: they carry the
// Identifier category so the parser accepts them wherever a name is expected.
// Every word token also carries the Name category: property names in
// `given` blocks and segments after a dot may be any word.
import { createToken, Lexer, type IToken, type TokenType, type ILexingError } from 'chevrotain';

export const Name = createToken({ name: 'Name', pattern: Lexer.NA });
export const Identifier = createToken({
  name: 'Identifier',
  pattern: /[A-Za-z_][A-Za-z0-9_]*/,
  categories: [Name],
});

const reserved: TokenType[] = [];
const soft: TokenType[] = [];
function keyword(word: string, isSoft = false): TokenType {
  const tok = createToken({
    name: word.charAt(0).toUpperCase() + word.slice(1),
    pattern: new RegExp(`${word}(?![A-Za-z0-9_])`),
    longer_alt: Identifier,
    categories: isSoft ? [Name, Identifier] : [Name],
  });
  (isSoft ? soft : reserved).push(tok);
  return tok;
}

// Reserved words.
export const Ruleset = keyword('ruleset');
export const Version = keyword('version');
export const Effective = keyword('effective');
export const From = keyword('from');
export const To = keyword('to');
export const Description = keyword('description');
export const Define = keyword('define');
export const As = keyword('as');
export const Of = keyword('of');
export const Lane = keyword('lane');
export const Grants = keyword('grants');
export const Hit = keyword('hit');
export const Policy = keyword('policy');
export const Rule = keyword('rule');
export const Priority = keyword('priority');
export const When = keyword('when');
export const Role = keyword('role');
export const Roles = keyword('roles');
export const Select = keyword('select');
export const Credit = keyword('credit');
export const Weight = keyword('weight');
export const Cap = keyword('cap');
export const Floor = keyword('floor');
export const Otherwise = keyword('otherwise');
export const For = keyword('for');
export const Test = keyword('test');
export const Given = keyword('given');
export const Expect = keyword('expect');
export const And = keyword('and');
export const Or = keyword('or');
export const Not = keyword('not');
export const In = keyword('in');
export const Is = keyword('is');
export const Present = keyword('present');
export const Missing = keyword('missing');
export const Within = keyword('within');
export const Days = keyword('days');
export const Day = keyword('day');
export const Before = keyword('before');
export const After = keyword('after');
export const No = keyword('no');
export const Later = keyword('later');
export const Earlier = keyword('earlier');
export const Than = keyword('than');
export const By = keyword('by');
export const At = keyword('at');
export const Least = keyword('least');
export const Most = keyword('most');
export const On = keyword('on');
export const Share = keyword('share');
// Soft words: keywords in some places, ordinary names elsewhere.
export const Owner = keyword('owner', true);
export const Partner = keyword('partner', true);
export const Partners = keyword('partners', true);
export const Account = keyword('account', true);
export const Amount = keyword('amount', true);

export const DateLit = createToken({ name: 'DateLit', pattern: /\d{4}-\d{2}-\d{2}/ });
export const NumberLit = createToken({ name: 'NumberLit', pattern: /\d+(?:\.\d+)?/ });
export const StringLit = createToken({ name: 'StringLit', pattern: /"(?:[^"\\\n\r]|\\.)*"/ });
/** A string with no closing quote on its line: lexed so the checker can say so precisely. */
export const UnterminatedString = createToken({ name: 'UnterminatedString', pattern: /"(?:[^"\\\n\r]|\\.)*/ });
export const Comment = createToken({ name: 'Comment', pattern: /(?:--|#)[^\n\r]*/, group: 'comments' });
export const WhiteSpace = createToken({ name: 'WhiteSpace', pattern: /[ \t\r\n\f\u00a0\ufeff]+/, group: Lexer.SKIPPED });

export const LBrace = createToken({ name: 'LBrace', pattern: /\{/, label: "'{'" });
export const RBrace = createToken({ name: 'RBrace', pattern: /\}/, label: "'}'" });
export const LParen = createToken({ name: 'LParen', pattern: /\(/, label: "'('" });
export const RParen = createToken({ name: 'RParen', pattern: /\)/, label: "')'" });
export const LBracket = createToken({ name: 'LBracket', pattern: /\[/, label: "'['" });
export const RBracket = createToken({ name: 'RBracket', pattern: /\]/, label: "']'" });
export const Comma = createToken({ name: 'Comma', pattern: /,/, label: "','" });
export const Dot = createToken({ name: 'Dot', pattern: /\./, label: "'.'" });
export const Slash = createToken({ name: 'Slash', pattern: /\//, label: "'/'" });
export const PercentSign = createToken({ name: 'PercentSign', pattern: /%/, label: "'%'" });
export const NotEq = createToken({ name: 'NotEq', pattern: /!=|≠/, label: "'!='" });
export const LtEq = createToken({ name: 'LtEq', pattern: /<=|≤/, label: "'<='" });
export const GtEq = createToken({ name: 'GtEq', pattern: />=|≥/, label: "'>='" });
export const Lt = createToken({ name: 'Lt', pattern: /</, label: "'<'" });
export const Gt = createToken({ name: 'Gt', pattern: />/, label: "'>'" });
export const Eq = createToken({ name: 'Eq', pattern: /=/, label: "'='" });

export const allTokens: TokenType[] = [
  WhiteSpace,
  Comment,
  DateLit,
  NumberLit,
  StringLit,
  UnterminatedString,
  NotEq,
  LtEq,
  GtEq,
  Lt,
  Gt,
  Eq,
  LBrace,
  RBrace,
  LParen,
  RParen,
  LBracket,
  RBracket,
  Comma,
  Dot,
  Slash,
  PercentSign,
  ...reserved,
  ...soft,
  Identifier,
  Name,
];

const wordOf = (t: TokenType): string => String(t.PATTERN).slice(1).split('(')[0]!;
export const RESERVED_WORDS: ReadonlySet<string> = new Set(reserved.map(wordOf));
/** Keywords that are also ordinary names (partner, account, owner, …). */
export const SOFT_WORDS: ReadonlySet<string> = new Set(soft.map(wordOf));

const lexer = new Lexer(allTokens, { positionTracking: 'full', ensureOptimizations: false });

export interface LexResult {
  tokens: IToken[];
  comments: IToken[];
  errors: ILexingError[];
}

export function lex(source: string): LexResult {
  const result = lexer.tokenize(source);
  return { tokens: result.tokens, comments: result.groups.comments ?? [], errors: result.errors };
}

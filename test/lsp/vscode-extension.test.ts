// editors/vscode: the TextMate grammar highlights exactly the lexer's
// keywords and the checker's credit models, every regex in it compiles, and
// the extension's manifest declares the language, the grammar and the client.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { RESERVED_WORDS, SOFT_WORDS } from '../../src/dsl/lexer.js';
import { CREDIT_MODELS } from '../../src/dsl/schema.js';

const dir = new URL('../../editors/vscode/', import.meta.url);
const read = (p: string) => JSON.parse(readFileSync(new URL(p, dir), 'utf8')) as Record<string, unknown>;

interface Pattern {
  name?: string;
  match?: string;
  begin?: string;
  end?: string;
  patterns?: Pattern[];
  include?: string;
}
const grammar = read('syntaxes/attrib.tmLanguage.json') as { scopeName: string; patterns: Pattern[]; repository: Record<string, Pattern> };

function* allPatterns(ps: readonly Pattern[]): Generator<Pattern> {
  for (const p of ps) {
    yield p;
    if (p.patterns) yield* allPatterns(p.patterns);
  }
}
/** The words of `\b(?:a|b|c)\b` patterns in a repository entry. */
const wordsOf = (entry: string): string[] =>
  [...allPatterns(grammar.repository[entry]!.patterns ?? [])].flatMap(
    (p) => /^\\b\(\?:([a-z_|]+)\)\\b$/.exec(p.match ?? '')?.[1]?.split('|') ?? [],
  );

describe('the VS Code grammar', () => {
  it("highlights the lexer's keywords, each once, and the credit models", () => {
    const words = wordsOf('keywords');
    expect(new Set(words).size).toBe(words.length);
    expect(new Set(words)).toEqual(new Set([...RESERVED_WORDS, ...SOFT_WORDS]));
    expect(wordsOf('models')).toEqual([...CREDIT_MODELS]);
  });

  it('has only regexes that compile, and includes that resolve', () => {
    const all = [...allPatterns([...grammar.patterns, ...Object.values(grammar.repository)])];
    let count = 0;
    for (const p of all) {
      for (const re of [p.match, p.begin, p.end]) {
        if (re === undefined) continue;
        expect(() => new RegExp(re, 'u'), re).not.toThrow();
        count++;
      }
      if (p.include) expect(grammar.repository[p.include.slice(1)], p.include).toBeDefined();
    }
    expect(count).toBeGreaterThan(10);
  });

  it('tokenizes a rule line as the lexer would name it', () => {
    const line = 'rule "R" when action is joint_discovery and within 90 days before close { credit linear }';
    const kw = new RegExp(grammar.repository.keywords!.patterns!.map((p) => p.match).join('|'), 'g');
    expect(line.match(kw)).toEqual(['rule', 'when', 'is', 'and', 'within', 'days', 'before', 'credit']);
  });
});

describe('the VS Code extension manifest', () => {
  it('declares the attrib language for *.attr with its grammar, and starts attrib lsp with vscode-languageclient', () => {
    const pkg = read('package.json') as {
      main: string;
      contributes: {
        languages: Array<{ id: string; extensions: string[]; configuration: string }>;
        grammars: Array<{ language: string; scopeName: string; path: string }>;
      };
      dependencies: Record<string, string>;
    };
    expect(pkg.contributes.languages).toEqual([expect.objectContaining({ id: 'attrib', extensions: ['.attr'] })]);
    expect(pkg.contributes.grammars[0]).toMatchObject({ language: 'attrib', scopeName: grammar.scopeName });
    expect(() => read(pkg.contributes.grammars[0]!.path)).not.toThrow();
    expect(read(pkg.contributes.languages[0]!.configuration)).toHaveProperty('comments.lineComment', '--');
    expect(pkg.dependencies).toHaveProperty('vscode-languageclient');
    const ext = readFileSync(new URL(pkg.main, dir), 'utf8');
    expect(ext).toContain("require('vscode-languageclient/node')");
    expect(ext).toContain("'lsp'");
  });
});

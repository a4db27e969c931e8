// Fuzzing: random text and random mutations of the standard library through
// every entry point. Nothing may throw; every diagnostic points into the
// file; what compiles evaluates soundly; what formats re-formats to itself.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkRules, compileRules, formatRules, type Diagnostic } from '../../src/dsl/index.js';
import { AS_OF, factsArb } from './support/facts.js';
import { stdlibFiles } from './support/files.js';
import { creditProblems } from './support/invariants.js';

const STDLIB = stdlibFiles().map((f) => f.source);
const WORDS = [
  'ruleset',
  'lane',
  'source',
  'influence',
  'grants',
  '100%',
  '{',
  '}',
  '(',
  ')',
  '[',
  ']',
  ',',
  'rule',
  '"x"',
  'when',
  'and',
  'or',
  'not',
  'action',
  'in',
  'is',
  'present',
  'missing',
  'within',
  '30',
  'days',
  'before',
  'close',
  'created',
  'credit',
  'linear',
  'u_shaped',
  '40/20/40',
  'time_decay',
  'half',
  'life',
  'role',
  'sourced',
  'test',
  'given',
  'touch',
  'expect',
  'partner',
  'define',
  'as',
  'otherwise',
  'cap',
  'floor',
  'weight',
  'by',
  'at',
  'least',
  '2026-01-01',
  '--c\n',
  '"',
  '.',
  '%',
  '>=',
  '\n',
  '@',
  'é',
  '\t',
];

function positionOk(source: string, p: { line: number; column: number; offset: number }): boolean {
  if (![p.line, p.column, p.offset].every(Number.isInteger) || p.offset < 0 || p.offset > source.length) return false;
  let line = 1;
  let start = 0;
  for (let i = 0; i < p.offset; i++)
    if (source.charCodeAt(i) === 10) {
      line++;
      start = i + 1;
    }
  return p.line === line && p.column === p.offset - start + 1;
}

function diagnosticsOk(source: string, ds: Diagnostic[]): void {
  for (const d of ds) {
    expect(d.message.length).toBeGreaterThan(0);
    expect(d.code.length).toBeGreaterThan(0);
    expect(['error', 'warning', 'info']).toContain(d.severity);
    expect(positionOk(source, d.range.start), `${d.code} start ${JSON.stringify(d.range.start)}`).toBe(true);
    expect(positionOk(source, d.range.end), `${d.code} end ${JSON.stringify(d.range.end)}`).toBe(true);
    expect(d.range.end.offset).toBeGreaterThanOrEqual(d.range.start.offset);
  }
}

function exercise(source: string): void {
  const checked = checkRules(source, 'f.attr');
  diagnosticsOk(source, checked.diagnostics);
  const compiled = compileRules(source, 'f.attr');
  diagnosticsOk(source, compiled.diagnostics);
  expect(compiled.ok).toBe(checked.ok);
  if (!compiled.ok) expect(compiled.diagnostics.some((d) => d.severity === 'error')).toBe(true);
  const formatted = formatRules(source);
  if (formatted.ok) {
    const again = formatRules(formatted.text);
    expect(again.ok).toBe(true);
    expect(again.text).toBe(formatted.text);
    const comments = (t: string) => (t.match(/--[^\n]*|#[^\n]*/g) ?? []).map((c) => c.trimEnd()).filter((c) => !c.includes('"'));
    if (!source.includes('"')) expect(comments(formatted.text).sort()).toEqual(comments(source).sort());
    const recompiled = compileRules(formatted.text);
    if (compiled.ok) {
      expect(recompiled.ok).toBe(true);
      if (recompiled.ok) expect(recompiled.rules.semanticHash).toBe(compiled.rules.semanticHash);
    }
  } else {
    expect(formatted.text).toBe(source);
  }
}

const mutation = fc.tuple(fc.nat(), fc.constantFrom('delete', 'insert', 'swap', 'word', 'truncate'), fc.nat(), fc.constantFrom(...WORDS));

function mutate(source: string, ops: Array<[number, string, number, string]>): string {
  let s = source;
  for (const [pos, op, len, word] of ops) {
    const at = s.length === 0 ? 0 : pos % s.length;
    switch (op) {
      case 'delete':
        s = s.slice(0, at) + s.slice(at + 1 + (len % 12));
        break;
      case 'insert':
        s = s.slice(0, at) + word + s.slice(at);
        break;
      case 'swap': {
        const b = (at + 1 + (len % 40)) % Math.max(1, s.length);
        s = s.slice(0, Math.min(at, b)) + s.slice(Math.max(at, b)) + s.slice(Math.min(at, b), Math.max(at, b));
        break;
      }
      case 'word':
        s = s.replace(/\b\w+\b/g, (m, off: number) => (off >= at && off < at + 20 ? word : m));
        break;
      case 'truncate':
        s = s.slice(0, at);
        break;
    }
  }
  return s;
}

describe('fuzz: the rules language never throws and always points at real text', () => {
  it('survives random word soup', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...WORDS), { maxLength: 60 }).map((ws) => ws.join(' ')),
        (src) => {
          exercise(src);
        },
      ),
      { numRuns: 250 },
    );
  });

  it('survives arbitrary unicode text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200, unit: 'grapheme' }), (src) => {
        exercise(src);
      }),
      { numRuns: 200 },
    );
  });

  it('survives random mutations of the standard library', () => {
    fc.assert(
      fc.property(fc.constantFrom(...STDLIB), fc.array(mutation, { minLength: 1, maxLength: 4 }), (src, ops) => {
        exercise(mutate(src, ops));
      }),
      { numRuns: 160 },
    );
  });

  it('evaluates mutated-but-valid files soundly', () => {
    let compiledCount = 0;
    fc.assert(
      fc.property(fc.constantFrom(...STDLIB), fc.array(mutation, { maxLength: 2 }), factsArb, (src, ops, facts) => {
        const compiled = compileRules(mutate(src, ops));
        if (!compiled.ok) return;
        compiledCount++;
        const r1 = compiled.rules.evaluate(facts, { asOf: AS_OF });
        expect(creditProblems(r1, facts.amount)).toEqual([]);
      }),
      { numRuns: 200 },
    );
    expect(compiledCount).toBeGreaterThan(20);
  });
});

describe('pathological input', () => {
  it('refuses absurd nesting with a diagnostic instead of overflowing the stack', () => {
    const deep = `ruleset d "D"\ndefine x as ${'('.repeat(3000)}proof is present${')'.repeat(3000)}\n`;
    const res = compileRules(deep);
    expect(res.ok).toBe(false);
    expect(res.diagnostics.map((d) => d.code)).toContain('nesting-too-deep');
    diagnosticsOk(deep, res.diagnostics);
    const nots = `ruleset d "D"\ndefine x as ${'not '.repeat(5000)}proof is present\n`;
    expect(checkRules(nots).diagnostics.map((d) => d.code)).toContain('nesting-too-deep');
    expect(formatRules(deep).text).toBe(deep);
  });

  it('reports an over-long chain of definitions once', () => {
    let s = 'ruleset d "D"\nowner "o"\n';
    for (let i = 0; i < 300; i++) s += `define d${i} as d${i + 1}\n`;
    s += 'define d300 as proof is present\nlane influence grants 100% { rule "R" when d0 { credit linear } }\n';
    const res = checkRules(s);
    expect(res.diagnostics.filter((d) => d.code === 'nesting-too-deep')).toHaveLength(1);
    diagnosticsOk(s, res.diagnostics);
  });
});

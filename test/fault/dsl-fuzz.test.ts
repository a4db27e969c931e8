// Fuzz: many thousands of random and mutated rule files through the rules
// language. The compiler must never throw; every diagnostic must carry a
// position that really points into the file (1-based line and column that
// agree with the 0-based offset); a failed compile must say why; and a file
// that does compile must evaluate generated opportunities into sound
// attributions (allocations summing exactly to what the lanes grant).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileRules } from '../../src/dsl/index.js';
import { attributionProblems } from '../../src/engine/invariants.js';
import { generateFacts } from '../../bench/lib/facts.js';
import { ruleFileCorpus } from './support/corpus.js';
import { mutate, randomRuleFile, RULE_WORDS, seededRandom } from './support/mutate.js';

interface Pos {
  line: number;
  column: number;
  offset: number;
}

/** Line/column of a 0-based offset, counting "\n" as the line break (as the compiler does). */
function expectedPosition(source: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i++)
    if (source.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  return { line, column: offset - lineStart + 1 };
}

function positionProblem(source: string, p: Pos | undefined, what: string): string | null {
  if (!p || typeof p !== 'object') return `${what} is missing`;
  const { line, column, offset } = p;
  if (![line, column, offset].every(Number.isInteger)) return `${what} is not integral: ${JSON.stringify(p)}`;
  if (offset < 0 || offset > source.length) return `${what} offset ${offset} outside 0..${source.length}`;
  const want = expectedPosition(source, offset);
  if (line !== want.line || column !== want.column) {
    return `${what} says ${line}:${column} but offset ${offset} is at ${want.line}:${want.column}`;
  }
  return null;
}

const FACTS = generateFacts({ opportunities: 12, touchpointsPerOpportunity: 6, seed: 99 });
const AS_OF = new Date(Date.UTC(2026, 0, 1));

/** Every problem with what compileRules did for `source`; empty when it behaved. */
function checkCompile(source: string): string[] {
  let outcome: ReturnType<typeof compileRules>;
  try {
    outcome = compileRules(source, 'fuzz.attr');
  } catch (error) {
    return [`compileRules threw ${(error as Error)?.name}: ${(error as Error)?.message}`];
  }
  const problems: string[] = [];
  const diagnostics = (outcome as { diagnostics?: unknown[] }).diagnostics ?? [];
  if (!Array.isArray(diagnostics)) return ['diagnostics is not an array'];
  for (const [i, raw] of diagnostics.entries()) {
    const d = raw as { code?: unknown; severity?: unknown; message?: unknown; range?: { start?: Pos; end?: Pos } };
    if (typeof d.message !== 'string' || d.message.trim() === '') problems.push(`diagnostic ${i} has no message`);
    if (typeof d.code !== 'string' || d.code === '') problems.push(`diagnostic ${i} has no code`);
    if (!['error', 'warning', 'info'].includes(d.severity as string)) problems.push(`diagnostic ${i} has severity ${String(d.severity)}`);
    const s = positionProblem(source, d.range?.start, `diagnostic ${i} (${String(d.message)}) start`);
    const e = positionProblem(source, d.range?.end, `diagnostic ${i} end`);
    if (s) problems.push(s);
    if (e) problems.push(e);
    if (!s && !e && d.range!.end!.offset < d.range!.start!.offset) problems.push(`diagnostic ${i} ends before it starts`);
  }
  if (!outcome.ok) {
    if (!diagnostics.some((d) => (d as { severity?: string }).severity === 'error'))
      problems.push('compile failed without an error diagnostic');
    return problems;
  }
  for (const facts of FACTS) {
    try {
      const result = outcome.rules.evaluate(facts, { asOf: AS_OF });
      for (const p of attributionProblems(result, facts.amount)) problems.push(`${facts.key}: ${p}`);
    } catch (error) {
      // A runtime failure must be a deliberate, explained error — never a TypeError/RangeError from inside.
      const e = error as Error;
      if (!(e instanceof Error) || ['TypeError', 'RangeError', 'ReferenceError', 'SyntaxError'].includes(e.name)) {
        problems.push(`evaluate threw ${e?.name}: ${e?.message}`);
      }
    }
  }
  return problems;
}

const corpus = ruleFileCorpus();

describe('rules-language fuzzing', () => {
  it('has a corpus of stdlib rule files to mutate, all of which compile cleanly', () => {
    expect(corpus.length, 'dsl/**/*.attr').toBeGreaterThan(0);
    for (const { file, source } of corpus) {
      const outcome = compileRules(source, file);
      expect(outcome.ok, `${file}: ${JSON.stringify((outcome as { diagnostics?: unknown }).diagnostics)?.slice(0, 400)}`).toBe(true);
      expect(checkCompile(source), file).toEqual([]);
    }
  });

  it('survives 1,000 arbitrary strings (unicode, control characters, nothing)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (source) => {
        expect(checkCompile(source)).toEqual([]);
      }),
      { numRuns: 1_000, seed: 4201 },
    );
  });

  it("survives 2,000 token soups made of the language's own words and punctuation", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 - 1 }), (seed) => {
        const source = randomRuleFile(seededRandom(seed));
        expect(checkCompile(source), `seed ${seed}:\n${source}`).toEqual([]);
      }),
      { numRuns: 2_000, seed: 4202 },
    );
  });

  it('survives 2,500 mutations of the stdlib rule files', () => {
    expect(corpus.length).toBeGreaterThan(0);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 - 1 }), (seed) => {
        const rnd = seededRandom(seed);
        const base = rnd.pick(corpus);
        const source = mutate(rnd, base.source);
        expect(checkCompile(source), `seed ${seed} (mutating ${base.file}):\n${source}`).toEqual([]);
      }),
      { numRuns: 2_500, seed: 4203 },
    );
  });

  it('survives structured near-misses: valid files with one word replaced by every language word', () => {
    expect(corpus.length).toBeGreaterThan(0);
    const rnd = seededRandom(4204);
    let checked = 0;
    for (let i = 0; i < 60; i++) {
      const { source } = rnd.pick(corpus);
      const words = [...source.matchAll(/[A-Za-z_][A-Za-z0-9_]*/g)];
      if (words.length === 0) continue;
      const w = rnd.pick(words);
      for (const replacement of [rnd.pick(RULE_WORDS), rnd.pick(RULE_WORDS), `${w[0]}x`, '']) {
        const mutated = source.slice(0, w.index) + replacement + source.slice(w.index! + w[0].length);
        expect(checkCompile(mutated), mutated).toEqual([]);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(100);
  });
});

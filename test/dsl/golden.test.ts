// Golden files: for each test/dsl/golden/NAME.attr, the diagnostics text,
// the formatted text, the AST (JSON with positions) and the evaluation of
// its in-file tests (results + plain-language explanation) are compared
// with NAME.diagnostics.txt, NAME.formatted.attr, NAME.ast.json and
// NAME.eval.txt. Regenerate with UPDATE_GOLDEN=1 after an intended change,
// then review the diff.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  checkRules,
  compileRules,
  formatDiagnostic,
  formatRules,
  parseSource,
  renderExplanation,
  runRuleTests,
} from '../../src/dsl/index.js';

const DIR = new URL('./golden/', import.meta.url).pathname;
const UPDATE = process.env.UPDATE_GOLDEN === '1';
const inputs = readdirSync(DIR)
  .filter((f) => f.endsWith('.attr') && !f.endsWith('.formatted.attr'))
  .sort();

function golden(name: string, actual: string): void {
  const path = join(DIR, name);
  if (UPDATE || !existsSync(path)) {
    if (!UPDATE) throw new Error(`missing golden file ${name}; run with UPDATE_GOLDEN=1 to create it`);
    writeFileSync(path, actual, 'utf8');
    return;
  }
  expect(actual).toBe(readFileSync(path, 'utf8'));
}

function diagnosticsText(file: string, source: string): string {
  const { diagnostics, ok } = checkRules(source, file);
  return `${diagnostics.map((d) => formatDiagnostic(d, source)).join('\n\n')}\n\n${ok ? 'ok' : 'errors'}: ${diagnostics.length} diagnostic(s)\n`;
}

function evaluationText(file: string, source: string): string {
  const compiled = compileRules(source, file);
  if (!compiled.ok) return 'does not compile\n';
  const lines = [`sourceHash ${compiled.rules.sourceHash}`, `semanticHash ${compiled.rules.semanticHash}`, ''];
  const outcome = runRuleTests(source, file);
  for (const t of compiled.rules.tests) {
    const r = outcome.results.find((x) => x.name === t.name)!;
    lines.push(`test "${t.name}": ${r.passed ? 'passed' : 'FAILED'}`);
    for (const f of r.failures) lines.push(`  ${f}`);
    lines.push(renderExplanation(compiled.rules.evaluate(t.facts, t.asOf ? { asOf: t.asOf } : {}), t.facts));
    lines.push('');
  }
  return `${lines.join('\n')}\n`;
}

describe('golden files', () => {
  it('has inputs', () => {
    expect(inputs.length).toBeGreaterThanOrEqual(5);
  });

  for (const input of inputs) {
    const base = input.replace(/\.attr$/, '');
    const source = readFileSync(join(DIR, input), 'utf8');
    describe(input, () => {
      it('diagnostics', () => {
        golden(`${base}.diagnostics.txt`, diagnosticsText(input, source));
      });
      it('formatted text', () => {
        const f = formatRules(source, input);
        golden(`${base}.formatted.attr`, f.ok ? f.text : `-- not formatted: the file has syntax errors\n`);
      });
      it('AST', () => {
        golden(`${base}.ast.json`, `${JSON.stringify(parseSource(source, input).ast, null, 1)}\n`);
      });
      it('evaluation', () => {
        golden(`${base}.eval.txt`, evaluationText(input, source));
      });
    });
  }
});

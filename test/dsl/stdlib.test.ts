// Every standard-library rule file checks clean, formats idempotently,
// passes its in-file tests, and keeps its semantic hash under reformatting.
import { describe, expect, it } from 'vitest';
import { checkRules, compileRules, formatDiagnostic, formatRules, runRuleTests } from '../../src/dsl/index.js';
import { stdlibFiles } from './support/files.js';

const files = stdlibFiles();

describe('standard library', () => {
  it('has the files the issue names', () => {
    const names = files.map((f) => f.file);
    for (const n of ['first_touch', 'last_touch', 'linear', 'u_shaped', 'time_decay', 'w_shaped']) {
      expect(names).toContain(`dsl/models/${n}.attr`);
    }
    expect(names).toContain('dsl/two_lane.attr');
    expect(names).toContain('dsl/ecosystem_channels.attr');
  });

  for (const { file, source } of files) {
    describe(file, () => {
      it('checks without errors or warnings', () => {
        const res = checkRules(source, file);
        const shown = res.diagnostics.filter((d) => d.severity !== 'info').map((d) => formatDiagnostic(d, source));
        expect(shown).toEqual([]);
        expect(res.ok).toBe(true);
      });

      it('is already formatted, and formatting is idempotent', () => {
        const once = formatRules(source);
        expect(once.ok).toBe(true);
        expect(once.text).toBe(source);
        expect(formatRules(once.text).text).toBe(once.text);
      });

      it('passes its own tests, and has some', () => {
        const res = runRuleTests(source, file);
        expect(res.results.length).toBeGreaterThan(0);
        expect(res.results.filter((r) => !r.passed)).toEqual([]);
        expect(res.ok).toBe(true);
      });

      it('keeps its semantic hash when only the layout changes', () => {
        // Squash the layout: drop comment lines, put everything on few lines with odd spacing.
        const squashed = source
          .split('\n')
          .filter((l) => !l.trim().startsWith('--'))
          .map((l) => l.trim())
          .join('   \n\n ')
          .replace(/\{ /g, '{\n  ');
        const a = compileRules(source, file);
        const b = compileRules(squashed, file);
        expect(a.ok && b.ok).toBe(true);
        if (!a.ok || !b.ok) return;
        expect(b.rules.sourceHash).not.toBe(a.rules.sourceHash);
        expect(b.rules.semanticHash).toBe(a.rules.semanticHash);
        expect(formatRules(squashed).text.replace(/^[ \t]*--.*\n/gm, '')).toBe(source.replace(/^[ \t]*--.*\n/gm, ''));
      });
    });
  }
});

describe('dsl/README.md', () => {
  it('its complete examples check clean and pass their tests', async () => {
    const { readFileSync } = await import('node:fs');
    const { ROOT } = await import('./support/files.js');
    const readme = readFileSync(`${ROOT}dsl/README.md`, 'utf8');
    const blocks = [...readme.matchAll(/```\n([\s\S]*?)```/g)].map((m) => m[1]!).filter((b) => /^(--.*\n)*ruleset /.test(b));
    expect(blocks.length).toBeGreaterThan(0);
    for (const b of blocks) {
      const res = runRuleTests(b, 'README.md');
      expect(res.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      expect(res.ok).toBe(true);
    }
  });
});

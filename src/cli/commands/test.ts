// `attrib test FILES… [--json]`: run the in-file tests of rule files.
// Exit 0 when every test passes, 1 when a test fails or a file does not compile, 2 on usage errors.
import { parseArgs } from '../args.js';
import type { Command } from '../command.js';
import { formatDiagnostic, runRuleTests } from '../../dsl/index.js';
import { PROGRESS_FROM, readRuleFiles, TAXONOMY_OPTION, vocabularyFor } from './check.js';
import { progressBar } from '../../progress/progress.js';

const command: Command = {
  name: 'test',
  summary: 'Run the tests written inside rule files',
  usage: `attrib test FILES… [--json] [--database-url URL]\n\n  FILES   rule files or directories of .attr files\n  --json  print machine-readable results\n${TAXONOMY_OPTION}\n\nExit codes: 0 all tests pass, 1 a test fails or a file has errors, 2 usage error.`,
  async run(argv) {
    const { flags, positionals } = parseArgs(argv, { boolean: ['json'], string: ['database-url'] });
    const inputs = readRuleFiles(positionals);
    const vocabulary = await vocabularyFor(flags['database-url'] as string | undefined);
    const progress = inputs.length >= PROGRESS_FROM ? progressBar('testing rule files', inputs.length) : null;
    const results = inputs.map(({ file, source }) => {
      const r = { file, source, ...runRuleTests(source, file, { vocabulary }) };
      progress?.tick();
      return r;
    });
    progress?.done();
    const ok = results.every((r) => r.ok);
    if (flags.json) {
      console.log(
        JSON.stringify(
          {
            ok,
            files: results.map((r) => ({
              file: r.file,
              ok: r.ok,
              tests: r.results.map((t) => ({ name: t.name, passed: t.passed, failures: t.failures, line: t.range.start.line })),
              diagnostics: r.diagnostics.filter((d) => d.severity === 'error'),
            })),
          },
          null,
          2,
        ),
      );
      return ok ? 0 : 1;
    }
    let passed = 0;
    let failed = 0;
    for (const r of results) {
      const errors = r.diagnostics.filter((d) => d.severity === 'error');
      if (errors.length > 0) {
        for (const d of errors) console.log(`${formatDiagnostic(d, r.source)}\n`);
        console.log(`${r.file}: does not compile, so its tests cannot run (run attrib check ${r.file})`);
        continue;
      }
      if (r.results.length === 0) console.log(`${r.file}: no tests (add test "…" { given … expect … } blocks)`);
      for (const t of r.results) {
        if (t.passed) {
          passed++;
          console.log(`  ok    ${r.file}:${t.range.start.line} ${t.name}`);
          continue;
        }
        failed++;
        console.log(`  FAIL  ${r.file}:${t.range.start.line} ${t.name}`);
        for (const f of t.failures) console.log(`          ${f}`);
      }
    }
    const broken = results.filter((r) => r.diagnostics.some((d) => d.severity === 'error')).length;
    console.log(`\n${passed} passed, ${failed} failed${broken ? `, ${broken} file(s) did not compile` : ''}`);
    return ok ? 0 : 1;
  },
};

export default command;

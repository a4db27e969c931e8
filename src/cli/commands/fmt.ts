// `attrib fmt FILES… [--check] [--json]`: canonical layout for rule files.
// Without --check, rewrites files in place. With --check, changes nothing and
// exits 1 if any file would change. Files that do not parse are never touched.
import { writeFileSync } from 'node:fs';
import { parseArgs } from '../args.js';
import type { Command } from '../command.js';
import { formatDiagnostic, formatRules } from '../../dsl/index.js';
import { readRuleFiles } from './check.js';

const command: Command = {
  name: 'fmt',
  summary: 'Format rule files canonically (keeps comments)',
  usage:
    'attrib fmt FILES… [--check] [--json]\n\n  --check  do not write; exit 1 if any file is not formatted\n  --json   print machine-readable results\n\nExit codes: 0 done / already formatted, 1 a file would change (--check) or does not parse, 2 usage error.',
  async run(argv) {
    const { flags, positionals } = parseArgs(argv, { boolean: ['check', 'json'] });
    const results = readRuleFiles(positionals).map(({ file, source }) => {
      const f = formatRules(source, file);
      return { file, source, ok: f.ok, text: f.text, changed: f.ok && f.text !== source, diagnostics: f.diagnostics };
    });
    const unparsable = results.filter((r) => !r.ok);
    const changed = results.filter((r) => r.changed);
    if (!flags.check) for (const r of changed) writeFileSync(r.file, r.text, 'utf8');
    if (flags.json) {
      console.log(
        JSON.stringify(
          {
            ok: unparsable.length === 0 && (!flags.check || changed.length === 0),
            files: results.map((r) => ({
              file: r.file,
              parsed: r.ok,
              changed: r.changed,
              written: r.changed && !flags.check,
              diagnostics: r.diagnostics.filter((d) => d.severity === 'error'),
            })),
          },
          null,
          2,
        ),
      );
    } else {
      for (const r of unparsable) {
        for (const d of r.diagnostics.filter((x) => x.severity === 'error')) console.log(`${formatDiagnostic(d, r.source)}\n`);
        console.log(`${r.file}: not formatted, it has syntax errors (fix them, then run attrib fmt again)`);
      }
      for (const r of changed) console.log(flags.check ? `${r.file}: would be reformatted` : `${r.file}: formatted`);
      if (flags.check && changed.length > 0)
        console.log(`\n${changed.length} file(s) need formatting: run attrib fmt ${changed.map((r) => r.file).join(' ')}`);
      if (changed.length === 0 && unparsable.length === 0) console.log(`${results.length} file(s) already formatted`);
    }
    if (unparsable.length > 0) return 1;
    return flags.check && changed.length > 0 ? 1 : 0;
  },
};

export default command;

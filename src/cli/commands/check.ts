// `attrib check FILES… [--json]`: parse and check rule files.
// Exit 0 when clean (warnings allowed), 1 when any file has errors, 2 on usage errors.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from '../args.js';
import { CliError, type Command } from '../command.js';
import { progressBar } from '../../progress/progress.js';
import { checkRules, formatDiagnostic, type Diagnostic } from '../../dsl/index.js';
import { DEFAULT_VOCABULARY, type Vocabulary } from '../../domain/taxonomy.js';
import { loadVocabulary } from '../../taxonomy/store.js';
import { openCliDatabase } from '../database.js';

/** Show a progress bar from this many files on. */
export const PROGRESS_FROM = 20;

export interface RuleFileInput {
  file: string;
  source: string;
}

/** Reads the named rule files; a directory means every *.attr file under it. */
export function readRuleFiles(paths: string[]): RuleFileInput[] {
  if (paths.length === 0) throw new CliError('name at least one rule file (or a directory of .attr files)');
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = join(dir, entry.name);
      if (entry.isDirectory()) walk(p);
      else if (entry.name.endsWith('.attr')) files.push(p);
    }
  };
  for (const p of paths) {
    let st;
    try {
      st = statSync(p);
    } catch {
      throw new CliError(`cannot read ${p}: no such file or directory`);
    }
    if (st.isDirectory()) walk(p);
    else files.push(p);
  }
  if (files.length === 0) throw new CliError(`no .attr files found in ${paths.join(', ')}`);
  return files.map((file) => {
    try {
      return { file, source: readFileSync(file, 'utf8') };
    } catch (err) {
      throw new CliError(`cannot read ${file}: ${(err as Error).message}`);
    }
  });
}

/** The taxonomy to check against: the database's with --database-url, else the default taxonomy. */
export async function vocabularyFor(databaseUrl: string | undefined): Promise<Vocabulary> {
  if (databaseUrl === undefined) return DEFAULT_VOCABULARY;
  const db = await openCliDatabase(databaseUrl);
  try {
    return await loadVocabulary(db.sql);
  } finally {
    await db.close();
  }
}

export const TAXONOMY_OPTION =
  "  --database-url URL  check taxonomy values against that database's taxonomy (default: the default taxonomy)";

export function summarize(diagnostics: Diagnostic[]): string {
  const count = (s: string) => diagnostics.filter((d) => d.severity === s).length;
  const part = (n: number, w: string) => `${n} ${w}${n === 1 ? '' : 's'}`;
  return `${part(count('error'), 'error')}, ${part(count('warning'), 'warning')}`;
}

const command: Command = {
  name: 'check',
  summary: 'Check rule files for syntax and meaning errors',
  usage: `attrib check FILES… [--json] [--database-url URL]\n\n  FILES   rule files or directories of .attr files\n  --json  print machine-readable results\n${TAXONOMY_OPTION}\n\nExit codes: 0 clean (warnings allowed), 1 errors found, 2 usage error.`,
  async run(argv) {
    const { flags, positionals } = parseArgs(argv, { boolean: ['json'], string: ['database-url'] });
    const inputs = readRuleFiles(positionals);
    const vocabulary = await vocabularyFor(flags['database-url'] as string | undefined);
    const progress = inputs.length >= PROGRESS_FROM ? progressBar('checking rule files', inputs.length) : null;
    const results = inputs.map(({ file, source }) => {
      const r = { file, source, ...checkRules(source, file, { vocabulary }) };
      progress?.tick();
      return r;
    });
    progress?.done();
    const ok = results.every((r) => r.ok);
    if (flags.json) {
      console.log(JSON.stringify({ ok, files: results.map((r) => ({ file: r.file, ok: r.ok, diagnostics: r.diagnostics })) }, null, 2));
    } else {
      for (const r of results) {
        for (const d of r.diagnostics) console.log(`${formatDiagnostic(d, r.source)}\n`);
        console.log(`${r.file}: ${r.ok ? 'ok' : 'FAILED'} (${summarize(r.diagnostics)})`);
      }
      if (!ok) console.log('\nFix the errors above and run attrib check again.');
    }
    return ok ? 0 : 1;
  },
};

export default command;

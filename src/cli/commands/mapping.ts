// `attrib mapping check FILE DIR`: is this mapping ready for these CRM exports?
// Reads the mapping and the files; the database only with --database-url (its taxonomy).
import { DEFAULT_VOCABULARY, type Vocabulary } from '../../domain/taxonomy.js';
import { loadVocabulary } from '../../taxonomy/store.js';
import { openCliDatabase } from '../database.js';
import { checkMappingDirectory, formatMappingCheck } from '../../import/mapping/check.js';
import { loadMapping, MappingError } from '../../import/mapping/schema.js';
import { parseArgs } from '../args.js';
import { CliError, type Command } from '../command.js';

const command: Command = {
  name: 'mapping',
  summary: 'Check an import mapping against CRM export files (no database)',
  usage: [
    'attrib mapping check FILE DIR [--json] [--database-url URL]',
    '',
    '  FILE     the mapping (.json, .yaml or .yml), e.g. one of examples/mappings/',
    '  DIR      the directory holding the export files the mapping names',
    '  --json   print the report as JSON',
    "  --database-url URL  check labels against that database's taxonomy (default: the default taxonomy)",
    '',
    'Reports per entity: the file found or missing; source headers the mapping does not use (ignored by',
    'import); mapped headers missing from the file; labels that are neither mapped nor a known key, with',
    'counts, first line and the fix (a `values` entry or `attrib taxonomy add KIND KEY`); date and amount',
    "cells that do not parse. Known keys: the default taxonomy, or the database's with --database-url.",
    '',
    'Exit code 0 when clean, 1 when something needs fixing, 2 on a usage error.',
  ].join('\n'),
  async run(argv) {
    const { flags, positionals } = parseArgs(argv, { boolean: ['json'], string: ['database-url'] });
    const [sub, ...rest] = positionals;
    if (sub !== 'check') {
      throw new CliError(
        sub === undefined
          ? 'which sub-command? Usage: attrib mapping check FILE DIR'
          : `unknown sub-command "${sub}"; the only one is: attrib mapping check FILE DIR`,
      );
    }
    if (rest.length !== 2)
      throw new CliError(
        `expected a mapping file and a directory, got ${rest.length} argument${rest.length === 1 ? '' : 's'}. Usage: attrib mapping check FILE DIR`,
      );
    const [file, dir] = rest as [string, string];
    let mapping;
    try {
      mapping = await loadMapping(file);
    } catch (err) {
      if (!(err instanceof MappingError)) throw err;
      if (flags.json) console.log(JSON.stringify({ ok: false, mapping: file, mappingIssues: err.issues }, null, 2));
      else console.log(`The mapping cannot be used:\n${err.message}`);
      return 1;
    }
    let vocabulary: Vocabulary = DEFAULT_VOCABULARY;
    if (flags['database-url'] !== undefined) {
      const db = await openCliDatabase(flags['database-url'] as string);
      try {
        vocabulary = await loadVocabulary(db.sql);
      } finally {
        await db.close();
      }
    }
    let report;
    try {
      report = await checkMappingDirectory(mapping, dir, { vocabulary });
    } catch (err) {
      throw new CliError((err as Error).message);
    }
    console.log(flags.json ? JSON.stringify(report, null, 2) : formatMappingCheck(report));
    return report.ok ? 0 : 1;
  },
};

export default command;

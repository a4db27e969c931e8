// `attrib explain FILE --opportunity KEY`: evaluate a rules file against one
// opportunity from the database and say, in plain language, who gets what
// credit and why (nothing is written).
import { readFileSync } from 'node:fs';
import { compileOrThrow, dslLanguage } from '../../engine/compile.js';
import { loadOpportunityFacts } from '../../engine/facts.js';
import { applyOverrides } from '../../engine/overrides.js';
import { loadActiveOverrides } from '../../engine/store.js';
import { renderExplanation } from '../../dsl/index.js';
import { parseArgs } from '../args.js';
import { CliError, type Command } from '../command.js';
import { withCliDatabase } from '../database.js';

const command: Command = {
  name: 'explain',
  summary: 'Explain how a rules file attributes one opportunity (reads facts from the database)',
  usage: [
    'attrib explain FILE --opportunity KEY [--as-of ISO_TIME] [--with-overrides] [--json] [--database-url URL]',
    '',
    '  --with-overrides   also apply the approved overrides in force for the opportunity',
    '  --json             print facts-free machine-readable attribution (lanes, allocations, steps)',
  ].join('\n'),
  async run(argv) {
    const { flags, positionals } = parseArgs(argv, {
      boolean: ['json', 'with-overrides'],
      string: ['opportunity', 'as-of', 'database-url'],
    });
    if (positionals.length !== 1) throw new CliError('name one rules file, e.g. `attrib explain dsl/two_lane.attr --opportunity OPP-1`');
    if (typeof flags.opportunity !== 'string') throw new CliError('--opportunity KEY is required');
    let source: string;
    try {
      source = readFileSync(positionals[0]!, 'utf8');
    } catch (err) {
      throw new CliError(`cannot read ${positionals[0]}: ${(err as Error).message}`);
    }
    const asOf = typeof flags['as-of'] === 'string' ? new Date(flags['as-of']) : new Date();
    if (Number.isNaN(asOf.getTime()))
      throw new CliError(`--as-of "${String(flags['as-of'])}" is not a date-time, e.g. 2026-03-31T00:00:00Z`);
    return withCliDatabase(flags['database-url'], async (db) => {
      const program = compileOrThrow(dslLanguage, source, positionals[0]);
      const ids = await db.sql.query<{ id: string }>('SELECT id::text AS id FROM opportunity WHERE key = $1', [flags.opportunity]);
      if (ids.length === 0)
        throw new CliError(`no opportunity with key "${flags.opportunity}"; check the key (attrib export allocations lists current ones)`);
      const [facts] = await loadOpportunityFacts(db.sql, [ids[0]!.id]);
      let result = program.evaluate(facts!, { asOf });
      if (flags['with-overrides']) {
        const overrides = (await loadActiveOverrides(db.sql, [facts!.id], program.header.ruleSet)).get(facts!.id) ?? [];
        result = applyOverrides(result, facts!.amount, overrides);
      }
      if (flags.json) console.log(JSON.stringify(result, null, 2));
      else console.log(renderExplanation(result, facts));
      return 0;
    });
  },
};

export default command;

// `attrib plan DRAFT_FILE`: what would change if this rules file were
// published — like `terraform plan`. Runs the file as a preview (saved as a
// draft of its rule set; results never become current) and compares.
// Exit codes: 0 no changes, 2 changes, 1 error.
import { readFileSync } from 'node:fs';
import { renderImpactReport } from '../../engine/impact-format.js';
import { previewRules } from '../../rules/preview.js';
import { parseArgs } from '../args.js';
import { CliError, type Command } from '../command.js';
import { actorFromEnv, parseScopeFlags } from './run.js';
import { asCliError, openCliDatabase } from '../database.js';

const command: Command = {
  name: 'plan',
  summary: 'Preview a rules file against the data and show what credit would change (exit 0 none, 2 changes, 1 error)',
  usage: [
    'attrib plan DRAFT_FILE [--ruleset KEY] [--scope opportunities=K1,K2 | --from DATE --to DATE | --partner KEY]',
    '            [--as-of ISO_TIME] [--examples N] [--json] [--database-url URL]',
    '',
    '  --ruleset KEY   compare with this rule set (default: the one the file header names)',
    '',
    'Exit code: 0 when nothing would change, 2 when credit would change, 1 on errors.',
  ].join('\n'),
  async run(argv) {
    const { flags, positionals } = parseArgs(argv, {
      boolean: ['json'],
      string: ['ruleset', 'scope', 'from', 'to', 'partner', 'as-of', 'examples', 'database-url'],
    });
    if (positionals.length !== 1) throw new CliError('name one rules file, e.g. `attrib plan dsl/two_lane.attr`', 1);
    let source: string;
    try {
      source = readFileSync(positionals[0]!, 'utf8');
    } catch (err) {
      throw new CliError(`cannot read ${positionals[0]}: ${(err as Error).message}`, 1);
    }
    let scope;
    try {
      scope = parseScopeFlags(flags);
    } catch (err) {
      throw new CliError((err as Error).message, 1);
    }
    const examples = flags.examples === undefined ? 3 : Number(flags.examples);
    if (!Number.isInteger(examples) || examples < 0) throw new CliError('--examples must be a whole number', 1);
    const db = await openCliDatabase(typeof flags['database-url'] === 'string' ? flags['database-url'] : undefined);
    try {
      const report = await previewRules(db, {
        source,
        scope,
        examples,
        author: actorFromEnv(),
        ...(typeof flags.ruleset === 'string' ? { ruleSetKey: flags.ruleset } : {}),
        ...(typeof flags['as-of'] === 'string' ? { asOf: flags['as-of'] } : {}),
      });
      console.log(flags.json ? JSON.stringify(report, null, 2) : renderImpactReport(report));
      return report.hasChanges ? 2 : 0;
    } catch (err) {
      const mapped = asCliError(err);
      if (mapped instanceof CliError) throw new CliError(mapped.message, 1);
      throw mapped;
    } finally {
      await db.close();
    }
  },
};

export default command;

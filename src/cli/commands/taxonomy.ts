// `attrib taxonomy list|add|retire`: the program's vocabulary (partner types
// and tiers, action types, channels, opportunity stages).
import { userInfo } from 'node:os';
import { kindNoun, STAGE_OUTCOMES, TAXONOMY_KINDS, type TaxonomyKind } from '../../domain/taxonomy.js';
import { renderTable } from '../../reports/table.js';
import { addTaxonomyEntry, listTaxonomy, parseKind, retireTaxonomyEntry, TaxonomyError, validateNewEntry } from '../../taxonomy/store.js';
import { textColumns } from '../table.js';
import { parseArgs } from '../args.js';
import { CliError, type Command } from '../command.js';
import { openCliDatabase } from '../database.js';

const USAGE = `attrib taxonomy list [KIND] [--format table|json]
       attrib taxonomy add KIND KEY [--label TEXT] [--description TEXT] [--outcome open|won|lost]
       attrib taxonomy retire KIND KEY
       (each takes [--database-url URL])

  KIND     ${TAXONOMY_KINDS.join(', ')}
  KEY      lowercase letters, digits and underscores, starting with a letter (rule files and records hold it)
  --label  what people read (default: the key in words)
  --outcome  opportunity stages only: ${STAGE_OUTCOMES.join(', ')}

Adding needs no migration or restart. A retired entry stays on the records that have it; new records
may not use it. Every change is audited.`;

function actor(): string {
  let user = process.env.USER;
  if (!user) {
    try {
      user = userInfo().username;
    } catch {
      user = 'unknown';
    }
  }
  return `cli:${user}`;
}

const command: Command = {
  name: 'taxonomy',
  summary: 'List, add and retire partner types and tiers, action types, channels and opportunity stages',
  usage: USAGE,
  async run(argv) {
    const { flags, positionals } = parseArgs(argv, { string: ['format', 'label', 'description', 'outcome', 'database-url'] });
    const [sub, ...rest] = positionals;
    const url = flags['database-url'] as string | undefined;
    try {
      switch (sub) {
        case 'list': {
          if (rest.length > 1) throw new CliError(`taxonomy list takes at most one KIND, got: ${rest.join(' ')}`);
          const kind = rest[0] === undefined ? undefined : parseKind(rest[0]);
          const format = (flags.format as string | undefined) ?? 'table';
          if (format !== 'table' && format !== 'json') throw new CliError(`--format ${format}: use table or json`);
          const db = await openCliDatabase(url);
          try {
            const entries = await listTaxonomy(db.sql, kind);
            if (format === 'json') {
              console.log(JSON.stringify(entries, null, 2));
              return 0;
            }
            console.log(
              renderTable(
                textColumns('kind', 'key', 'label', 'outcome', 'status'),
                entries.map((e) => [e.kind, e.key, e.label, e.outcome ?? '', e.active ? 'active' : 'retired']),
              ),
            );
            return 0;
          } finally {
            await db.close();
          }
        }
        case 'add': {
          if (rest.length !== 2)
            throw new CliError(
              `usage: attrib taxonomy add KIND KEY [--label TEXT] [--outcome open|won|lost] (KIND: ${TAXONOMY_KINDS.join(', ')})`,
            );
          const input = {
            kind: rest[0]!,
            key: rest[1]!,
            label: flags.label as string | undefined,
            description: flags.description as string | undefined,
            outcome: flags.outcome as string | undefined,
          };
          validateNewEntry(input); // input errors before opening the database
          const db = await openCliDatabase(url);
          try {
            const e = await addTaxonomyEntry(db, input, actor());
            console.log(`added ${kindNoun(e.kind as TaxonomyKind)} ${e.key} ("${e.label}"${e.outcome ? `, outcome ${e.outcome}` : ''})`);
            return 0;
          } finally {
            await db.close();
          }
        }
        case 'retire': {
          if (rest.length !== 2) throw new CliError('usage: attrib taxonomy retire KIND KEY');
          const kind = parseKind(rest[0]!);
          const db = await openCliDatabase(url);
          try {
            const e = await retireTaxonomyEntry(db, { kind, key: rest[1]! }, actor());
            console.log(`retired ${kindNoun(kind)} ${e.key}: records that have it keep it; new records may not use it`);
            return 0;
          } finally {
            await db.close();
          }
        }
        default:
          throw new CliError(
            sub === undefined ? `which subcommand?\n${USAGE}` : `unknown subcommand "${sub}"; use list, add or retire\n${USAGE}`,
          );
      }
    } catch (err) {
      if (err instanceof TaxonomyError) throw new CliError(`${err.message} [${err.code}]`);
      throw err;
    }
  },
};

export default command;

// The taxonomy in the database (table taxonomy_entry): read the vocabulary in
// force, add entries, retire entries. Every change is audited in the same
// transaction. Entries are never deleted and their outcome never changes (a
// database trigger refuses both), so old rows stay readable.
import { recordAudit, sqlAuditWriter } from '../audit/record.js';
import type { SqlClient } from '../db/client.js';
import {
  defaultLabel,
  kindNoun,
  STAGE_OUTCOMES,
  TAXONOMY_KEY,
  TAXONOMY_KINDS,
  Vocabulary,
  type StageOutcome,
  type TaxonomyEntry,
  type TaxonomyKind,
} from '../domain/taxonomy.js';

const a = (noun: string) => `${/^[aeiou]/.test(noun) ? 'an' : 'a'} ${noun}`;
import { closest as closestOf } from '../domain/closest.js';

type TaxonomyErrorCode = 'TAXONOMY_INVALID' | 'TAXONOMY_ENTRY_EXISTS' | 'TAXONOMY_ENTRY_NOT_FOUND';

/** A refused taxonomy change; `message` says what to do. */
export class TaxonomyError extends Error {
  constructor(
    readonly code: TaxonomyErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'TaxonomyError';
  }
}

/** A row of taxonomy_entry: the entry's columns, read under their names. */
type EntryRow = TaxonomyEntry;

const COLUMNS = 'kind, key, label, description, active, outcome, position';

function entryOf(r: EntryRow): TaxonomyEntry {
  return {
    kind: r.kind,
    key: r.key,
    label: r.label,
    description: r.description,
    active: r.active,
    outcome: r.outcome,
    position: Number(r.position),
  };
}

/** Every entry, active and retired, in kind and display order. */
export async function listTaxonomy(sql: SqlClient, kind?: TaxonomyKind): Promise<TaxonomyEntry[]> {
  if (kind !== undefined) parseKind(kind);
  const rows = await sql.query<EntryRow>(
    `SELECT ${COLUMNS} FROM taxonomy_entry ${kind ? 'WHERE kind = $1' : ''} ORDER BY kind, position, key`,
    kind ? [kind] : [],
  );
  return rows.map(entryOf);
}

/** The vocabulary in force: one small query (a few dozen rows). */
export async function loadVocabulary(sql: SqlClient): Promise<Vocabulary> {
  return new Vocabulary(await listTaxonomy(sql));
}

export function parseKind(text: string): TaxonomyKind {
  if ((TAXONOMY_KINDS as readonly string[]).includes(text)) return text as TaxonomyKind;
  const guess = closestOf(text, TAXONOMY_KINDS);
  throw new TaxonomyError(
    'TAXONOMY_INVALID',
    `"${text}" is not a taxonomy kind${guess ? ` (did you mean ${guess}?)` : ''}; the kinds are ${TAXONOMY_KINDS.join(', ')}`,
  );
}

interface NewTaxonomyEntry {
  kind: string;
  key: string;
  label?: string | null;
  description?: string | null;
  /** Stages only (required for them). */
  outcome?: string | null;
}

/** Validates a new entry without writing it. */
export function validateNewEntry(input: NewTaxonomyEntry): Omit<TaxonomyEntry, 'position' | 'active'> {
  const kind = parseKind(input.kind);
  const key = input.key.trim();
  if (!TAXONOMY_KEY.test(key)) {
    const suggestion = key
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '_')
      .replace(/^_+|_+$/g, '')
      .replace(/^(\d)/, 'x$1')
      .slice(0, 63);
    throw new TaxonomyError(
      'TAXONOMY_INVALID',
      `"${input.key}" is not a valid taxonomy key: use lowercase letters, digits and underscores, starting with a letter${suggestion && TAXONOMY_KEY.test(suggestion) ? ` (e.g. ${suggestion})` : ''}; the label can be any text`,
    );
  }
  const label = (input.label ?? '').trim() || defaultLabel(key);
  if (label.length > 200) throw new TaxonomyError('TAXONOMY_INVALID', `the label is ${label.length} characters long; at most 200`);
  const description = (input.description ?? '').trim() || null;
  if (description && description.length > 2000)
    throw new TaxonomyError('TAXONOMY_INVALID', `the description is ${description.length} characters long; at most 2000`);
  let outcome: StageOutcome | null = null;
  if (kind === 'opportunity-stage') {
    if (!input.outcome)
      throw new TaxonomyError(
        'TAXONOMY_INVALID',
        `an opportunity stage needs an outcome: open, won or lost (e.g. --outcome won for a stage that closes the deal as won)`,
      );
    if (!(STAGE_OUTCOMES as readonly string[]).includes(input.outcome))
      throw new TaxonomyError('TAXONOMY_INVALID', `"${input.outcome}" is not a stage outcome; use open, won or lost`);
    outcome = input.outcome as StageOutcome;
  } else if (input.outcome) {
    throw new TaxonomyError('TAXONOMY_INVALID', `only opportunity stages have an outcome; leave it out for ${a(kindNoun(kind))}`);
  }
  return { kind, key, label, description, outcome };
}

export async function addTaxonomyEntry(db: { sql: SqlClient }, input: NewTaxonomyEntry, actor: string): Promise<TaxonomyEntry> {
  const entry = validateNewEntry(input);
  return db.sql.transaction(async (tx) => {
    // Serialise additions to a kind so positions stay unique and a concurrent duplicate gets the clear error.
    await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`taxonomy:${entry.kind}`]);
    const [existing] = await tx.query<EntryRow>(`SELECT ${COLUMNS} FROM taxonomy_entry WHERE kind = $1 AND key = $2`, [
      entry.kind,
      entry.key,
    ]);
    if (existing) {
      throw new TaxonomyError(
        'TAXONOMY_ENTRY_EXISTS',
        existing.active
          ? `${entry.key} is already ${a(kindNoun(entry.kind))}`
          : `${entry.key} is a retired ${kindNoun(entry.kind)}; retired entries stay retired (old rows keep them) — add an entry with another key`,
      );
    }
    const [row] = await tx.query<EntryRow>(
      `INSERT INTO taxonomy_entry (kind, key, label, description, outcome, position)
       VALUES ($1, $2, $3, $4, $5, (SELECT COALESCE(max(position) + 1, 0) FROM taxonomy_entry WHERE kind = $1))
       RETURNING ${COLUMNS}`,
      [entry.kind, entry.key, entry.label, entry.description, entry.outcome],
    );
    const added = entryOf(row!);
    await recordAudit(sqlAuditWriter(tx), {
      actor,
      action: 'taxonomy.add',
      entityType: 'TaxonomyEntry',
      entityId: `${added.kind}/${added.key}`,
      after: added,
    });
    return added;
  });
}

export async function retireTaxonomyEntry(
  db: { sql: SqlClient },
  input: { kind: string; key: string },
  actor: string,
): Promise<TaxonomyEntry> {
  const kind = parseKind(input.kind);
  return db.sql.transaction(async (tx) => {
    const [existing] = await tx.query<EntryRow>(`SELECT ${COLUMNS} FROM taxonomy_entry WHERE kind = $1 AND key = $2 FOR UPDATE`, [
      kind,
      input.key,
    ]);
    if (!existing) {
      const keys = (await tx.query<{ key: string }>('SELECT key FROM taxonomy_entry WHERE kind = $1', [kind])).map((r) => r.key);
      const guess = closestOf(input.key, keys);
      throw new TaxonomyError(
        'TAXONOMY_ENTRY_NOT_FOUND',
        `"${input.key}" is not ${a(kindNoun(kind))}${guess ? ` (did you mean ${guess}?)` : ''}; \`attrib taxonomy list ${kind}\` lists them`,
      );
    }
    if (!existing.active) return entryOf(existing);
    if (kind === 'opportunity-stage') {
      const [left] = await tx.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM taxonomy_entry WHERE kind = 'opportunity-stage' AND active AND outcome = $1 AND key <> $2`,
        [existing.outcome, existing.key],
      );
      if (left!.n === 0)
        throw new TaxonomyError(
          'TAXONOMY_INVALID',
          `${existing.key} is the last active stage with outcome ${existing.outcome}; add another ${existing.outcome} stage before retiring it`,
        );
    } else {
      const [left] = await tx.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM taxonomy_entry WHERE kind = $1 AND active AND key <> $2`,
        [kind, existing.key],
      );
      if (left!.n === 0)
        throw new TaxonomyError('TAXONOMY_INVALID', `${existing.key} is the last active ${kindNoun(kind)}; add another before retiring it`);
    }
    const [row] = await tx.query<EntryRow>(
      `UPDATE taxonomy_entry SET active = false, retired_at = now(), updated_at = now() WHERE kind = $1 AND key = $2 RETURNING ${COLUMNS}`,
      [kind, existing.key],
    );
    const retired = entryOf(row!);
    await recordAudit(sqlAuditWriter(tx), {
      actor,
      action: 'taxonomy.retire',
      entityType: 'TaxonomyEntry',
      entityId: `${kind}/${existing.key}`,
      before: { active: true },
      after: { active: false },
    });
    return retired;
  });
}

/** loadVocabulary through a Prisma client or transaction (for the Prisma-based upserts). */
export async function loadVocabularyWith(prisma: { taxonomyEntry: { findMany(args: object): Promise<unknown[]> } }): Promise<Vocabulary> {
  const rows = (await prisma.taxonomyEntry.findMany({ orderBy: [{ kind: 'asc' }, { position: 'asc' }, { key: 'asc' }] })) as EntryRow[];
  return new Vocabulary(rows.map(entryOf));
}

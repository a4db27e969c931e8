// Writes a generated dataset as the four CSV files `attrib import` reads — a
// realistic, arbitrarily large sample for integrators and import benchmarks.
// Streams: memory stays flat whatever the size. Only what the CSV format can
// carry is written (no account-level signals, soft-deleted touches, partner
// status, segments or regions). These are import files, read back by
// `attrib import`, not reports for spreadsheets: cells are quoted but not
// neutralised (an apostrophe would become part of the imported value).
import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Progress } from '../progress/progress.js';
import { csvField } from '../domain/csv.js';
import { IMPORT_FORMAT, type ImportColumn, type ImportEntity } from '../domain/import-format.js';
import { accountAt, generatePartners, opportunityAt, planSeed } from './generate.js';
import type { SeedOptions } from './seed.js';

interface CsvExportCounts {
  partners: number;
  accounts: number;
  opportunities: number;
  touchpoints: number;
}

type Cell = string | number | null | undefined;

/** One import file of the format (src/domain/import-format.ts) being written: its header, then one line a row. */
class CsvFile<E extends ImportEntity> {
  private readonly out: WriteStream;
  private readonly header: readonly ImportColumn<E>[];
  rows = 0;

  constructor(dir: string, entity: E) {
    const format = IMPORT_FORMAT[entity];
    this.header = format.header;
    this.out = createWriteStream(join(dir, format.file));
    this.out.write(`${this.header.join(',')}\n`);
  }

  /** A row: a cell for every column of the header, written in the header's order. */
  async row(cells: Readonly<Record<ImportColumn<E>, Cell>>): Promise<void> {
    this.rows++;
    if (!this.out.write(`${this.header.map((column) => csvField(cells[column])).join(',')}\n`)) await once(this.out, 'drain');
  }

  async close(): Promise<void> {
    this.out.end();
    await once(this.out, 'finish');
  }
}

export async function writeSeedCsv(
  dir: string,
  opts: Omit<SeedOptions, 'batchSize' | 'writers' | 'singleTransactionLimit' | 'deferKeys'> & { progressBar?: Progress } = {},
): Promise<CsvExportCounts> {
  const plan = planSeed(opts);
  await mkdir(dir, { recursive: true });
  const partners = generatePartners(plan);
  const partnerKey = new Map(partners.map((p) => [p.id, p.key]));

  const partnersCsv = new CsvFile(dir, 'partners');
  for (const p of partners) await partnersCsv.row({ key: p.key, name: p.name, type: p.type, tier: p.tier });
  await partnersCsv.close();

  const accountsCsv = new CsvFile(dir, 'accounts');
  const accountKeyById = new Map<string, string>();
  for (let i = 0; i < plan.accounts; i++) {
    const { account } = accountAt(plan, partners, i);
    accountKeyById.set(account.id, account.key);
    await accountsCsv.row({ key: account.key, name: account.name, domain: account.domain });
    opts.progressBar?.tick();
  }
  await accountsCsv.close();

  const oppsCsv = new CsvFile(dir, 'opportunities');
  const touchCsv = new CsvFile(dir, 'touchpoints');
  for (let i = 0; i < plan.opportunities; i++) {
    const { opportunity: o, touchpoints } = opportunityAt(plan, partners, i);
    await oppsCsv.row({
      key: o.key,
      account: accountKeyById.get(o.accountId),
      name: o.name,
      type: o.type,
      amount: o.amount,
      currency: o.currency,
      stage: o.stage,
      created_at: o.createdAt.toISOString(),
      closed_at: o.closedAt?.toISOString(),
    });
    for (const t of touchpoints) {
      if (t.deletedAt) continue;
      await touchCsv.row({
        external_id: t.externalId,
        source: t.source,
        opportunity: o.key,
        partner: partnerKey.get(t.partnerId),
        action: t.action,
        channel: t.channel,
        occurred_at: t.occurredAt.toISOString(),
        proof: t.proof,
        owner: t.owner,
        next_step: t.nextJointStep,
        engagement_depth: t.engagementDepth,
        declared_role: t.declaredRole,
      });
    }
    opts.progressBar?.tick();
  }
  await oppsCsv.close();
  await touchCsv.close();
  return { partners: partnersCsv.rows, accounts: accountsCsv.rows, opportunities: oppsCsv.rows, touchpoints: touchCsv.rows };
}

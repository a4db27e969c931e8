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
import { accountAt, generatePartners, opportunityAt, planSeed } from './generate.js';
import type { SeedOptions } from './seed.js';

interface CsvExportCounts {
  partners: number;
  accounts: number;
  opportunities: number;
  touchpoints: number;
}

class CsvFile {
  private readonly out: WriteStream;
  rows = 0;

  constructor(path: string, header: readonly string[]) {
    this.out = createWriteStream(path);
    this.out.write(`${header.join(',')}\n`);
  }

  async row(values: (string | number | null | undefined)[]): Promise<void> {
    this.rows++;
    if (!this.out.write(`${values.map((v) => csvField(v)).join(',')}\n`)) await once(this.out, 'drain');
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

  const partnersCsv = new CsvFile(join(dir, 'partners.csv'), ['key', 'name', 'type', 'tier']);
  for (const p of partners) await partnersCsv.row([p.key, p.name, p.type, p.tier]);
  await partnersCsv.close();

  const accountsCsv = new CsvFile(join(dir, 'accounts.csv'), ['key', 'name', 'domain']);
  const accountKeyById = new Map<string, string>();
  for (let i = 0; i < plan.accounts; i++) {
    const { account } = accountAt(plan, partners, i);
    accountKeyById.set(account.id, account.key);
    await accountsCsv.row([account.key, account.name, account.domain]);
    opts.progressBar?.tick();
  }
  await accountsCsv.close();

  const oppsCsv = new CsvFile(join(dir, 'opportunities.csv'), [
    'key',
    'account',
    'name',
    'type',
    'amount',
    'currency',
    'stage',
    'created_at',
    'closed_at',
  ]);
  const touchCsv = new CsvFile(join(dir, 'touchpoints.csv'), [
    'external_id',
    'source',
    'opportunity',
    'partner',
    'action',
    'channel',
    'occurred_at',
    'proof',
    'owner',
    'next_step',
    'engagement_depth',
    'declared_role',
  ]);
  for (let i = 0; i < plan.opportunities; i++) {
    const { opportunity: o, touchpoints } = opportunityAt(plan, partners, i);
    await oppsCsv.row([
      o.key,
      accountKeyById.get(o.accountId),
      o.name,
      o.type,
      o.amount,
      o.currency,
      o.stage,
      o.createdAt.toISOString(),
      o.closedAt?.toISOString(),
    ]);
    for (const t of touchpoints) {
      if (t.deletedAt) continue;
      await touchCsv.row([
        t.externalId,
        t.source,
        o.key,
        partnerKey.get(t.partnerId),
        t.action,
        t.channel,
        t.occurredAt.toISOString(),
        t.proof,
        t.owner,
        t.nextJointStep,
        t.engagementDepth,
        t.declaredRole,
      ]);
    }
    opts.progressBar?.tick();
  }
  await oppsCsv.close();
  await touchCsv.close();
  return { partners: partnersCsv.rows, accounts: accountsCsv.rows, opportunities: oppsCsv.rows, touchpoints: touchCsv.rows };
}

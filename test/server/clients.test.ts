// The generated, typed operations (examples/operations → examples/generated)
// against a real server: the integrator script, the governance authoring
// flow, the frontend dashboard and the partner portal query. Also checks the
// generated code is current (npm run codegen -- --check), as CI does.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backendLabel } from '../support/db.js';
import { createClient } from '../../examples/client.js';
import { ingestAll, waitForCredit } from '../../examples/ingest-touchpoints.js';
import {
  PartnerCreditDocument,
  PartnerDashboardDocument,
  PublishVersionDocument,
  SaveDraftDocument,
  StartRunDocument,
  type TouchpointInput,
} from '../../examples/generated/graphql.js';
import { startTestServer, type TestServer } from './harness.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SOURCE = readFileSync(new URL('../../dsl/two_lane.attr', import.meta.url), 'utf8');

describe(`typed example clients ${backendLabel}`, () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('the integrator script ingests in batches and a replay changes nothing', async () => {
    const execute = createClient({ url: t.url, apiKey: t.keys.integrator });
    const touchpoints: TouchpointInput[] = Array.from({ length: 7 }, (_, i) => ({
      source: 'prm',
      externalId: `X-${i}`,
      partnerKey: i % 2 ? 'P-GLOBEX' : 'P-ACME',
      opportunityKey: 'O-1',
      action: i === 0 ? 'referral' : 'joint_discovery',
      channel: i === 0 ? 'referral' : 'co_sell',
      occurredAt: `2026-01-${String(12 + i).padStart(2, '0')}T10:00:00Z`,
      proof: `https://prm.example/${i}`,
    }));
    const lines: string[] = [];
    const first = await ingestAll(execute, touchpoints, { batchSize: 3, log: (l) => lines.push(l) });
    expect(first).toMatchObject({ created: 7, updated: 0, unchanged: 0, rejected: 0 });
    expect(first.tickets).toHaveLength(3); // one queued recompute per batch
    expect(lines.filter((l) => l.startsWith('batch '))).toHaveLength(3);
    await waitForCredit(execute, first.tickets, 30_000);
    const replay = await ingestAll(execute, touchpoints, { batchSize: 5, log: () => undefined });
    expect(replay).toEqual({ created: 0, updated: 0, unchanged: 7, rejected: 0, tickets: [] });
  });

  it('governance publishes and runs with the typed flow; the dashboard and partner portal read the credit', async () => {
    const gov = createClient({ url: t.url, apiKey: t.keys.governance });
    const saved = await gov(SaveDraftDocument, { input: { ruleSetKey: 'two_lane', source: SOURCE, createRuleSet: true } });
    if (saved.saveRuleDraft.__typename !== 'SaveRuleDraftPayload') throw new Error(JSON.stringify(saved));
    expect(saved.saveRuleDraft.ok).toBe(true);
    const id = saved.saveRuleDraft.ruleVersion.id;
    const published = await gov(PublishVersionDocument, { ruleVersionId: id });
    expect(published.publishRuleVersion.__typename).toBe('PublishRuleVersionPayload');
    const started = await gov(StartRunDocument, { ruleVersionId: id });
    if (started.startRun.__typename !== 'StartRunPayload') throw new Error(JSON.stringify(started));
    for (let i = 0; i < 100; i++) {
      const [{ status }] = (await t.db.sql.query<{ status: string }>(
        'SELECT status::text AS status FROM attribution_run WHERE kind = $1 ORDER BY created_at DESC LIMIT 1',
        ['full'],
      )) as [{ status: string }];
      if (status === 'succeeded') break;
      if (status === 'failed') throw new Error('run failed');
      await new Promise((r) => setTimeout(r, 100));
    }

    const analyst = createClient({ url: t.url, apiKey: t.keys.analyst });
    const dash = await analyst(PartnerDashboardDocument, {
      allocationsFirst: 10,
      ruleSetKey: 'two_lane',
      from: '2026-01-01',
      to: '2026-06-30',
    });
    expect(dash.viewer.role).toBe('analyst');
    if (dash.scorecard.__typename !== 'Scorecard') throw new Error(JSON.stringify(dash.scorecard));
    const acmeQ1 = dash.scorecard.rows.find((r) => r.groupKey === 'P-ACME' && r.period === '2026-Q1');
    expect(acmeQ1?.sourcedRevenue).toBe('120000.00');
    expect(acmeQ1?.ruleVersions.map((v) => v.number)).toEqual([1]);
    expect(dash.sourced.totalCount).toBe(1);
    expect(dash.sourced.nodes[0]).toMatchObject({
      role: 'sourced',
      amount: '120000.00',
      partner: { key: 'P-ACME' },
      opportunity: { key: 'O-1' },
    });
    expect(dash.sourced.nodes[0]!.explanation.text).toContain('Registered referral with proof');
    const influenceCents = dash.influenced.nodes.reduce((sum, n) => sum + BigInt(n.amount.replace('.', '')), 0n);
    expect(influenceCents).toBe(12_000_000n);

    const portal = createClient({ url: t.url, apiKey: t.keys.partnerGlobex });
    const own = await portal(PartnerCreditDocument, { partnerKey: 'P-GLOBEX' });
    expect(own.partner?.key).toBe('P-GLOBEX');
    expect(own.allocations.totalCount).toBeGreaterThan(0);
    expect(own.allocations.edges.every((e) => e.node.contributingTouchpoints.every((tp) => tp.source === 'prm'))).toBe(true);
    const other = await portal(PartnerCreditDocument, { partnerKey: 'P-ACME' });
    expect(other.partner).toBeNull();
    expect(other.allocations.totalCount).toBe(0);
  });

  it('generated client code is current (graphql-codegen --check)', () => {
    const check = spawnSync(process.execPath, ['node_modules/@graphql-codegen/cli/cjs/bin.js', '--config', 'codegen.ts', '--check'], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    expect(check.status, `${check.stdout}${check.stderr}\nrun \`npm run codegen\` and commit examples/generated`).toBe(0);
  });
});

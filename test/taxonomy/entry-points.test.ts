// Every entry point validates taxonomy values against the taxonomy in force:
// CSV import (with position and both fixes), GraphQL upserts and ingestion,
// and the rules checker; a published version keeps meaning what it meant.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { checkRules } from '../../src/dsl/index.js';
import { DEFAULT_TAXONOMY, taxonomySnapshot, Vocabulary } from '../../src/domain/taxonomy.js';
import { importDirectory } from '../../src/import/import-directory.js';
import { formatIssue } from '../../src/import/issues.js';
import { addTaxonomyEntry, loadVocabulary, retireTaxonomyEntry } from '../../src/taxonomy/index.js';
import { describeDatabase } from '../support/db.js';
import { startTestServer, type TestServer } from '../server/harness.js';

const NOW = new Date('2026-10-01T00:00:00Z');

describeDatabase('taxonomy at the entry points', () => {
  let t: TestServer;
  let dir: string;
  beforeAll(async () => {
    t = await startTestServer();
    dir = await mkdtemp(join(tmpdir(), 'attrib-taxonomy-'));
  });
  afterAll(async () => {
    await t.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('CSV import refuses a tier that is not in the taxonomy with its position and both fixes, and takes it once added', async () => {
    const partners = 'key,name,type,tier\nP-1,Northwind,reseller,gold\nP-2,Contoso,technology,bronze\n';
    await writeFile(join(dir, 'partners.csv'), partners);
    const refused = await importDirectory(t.db, dir, { now: NOW });
    const file = refused.files.find((f) => f.file === 'partners.csv')!;
    expect(file.status).toBe('rejected');
    expect(file.issues.map(formatIssue)).toEqual([
      'partners.csv:3:24: "bronze" is not a partner tier — add it with `attrib taxonomy add partner-tier bronze`, or map it in the import mapping',
    ]);
    expect((await t.db.sql.query(`SELECT 1 FROM partner WHERE key IN ('P-1', 'P-2')`)).length).toBe(0);

    await addTaxonomyEntry(t.db, { kind: 'partner-tier', key: 'bronze', label: 'Bronze' }, 'test');
    const imported = await importDirectory(t.db, dir, { now: NOW });
    expect(imported.files.find((f) => f.file === 'partners.csv')).toMatchObject({ status: 'imported', created: 2 });
    const again = await importDirectory(t.db, dir, { now: NOW });
    expect(again.files.find((f) => f.file === 'partners.csv')).toMatchObject({ status: 'imported', created: 0, unchanged: 2 });
  });

  it('a custom stage closes deals by its outcome: closed_at is required and the deal counts as won', async () => {
    await addTaxonomyEntry(
      t.db,
      { kind: 'opportunity-stage', key: 'closed_won_partner', label: 'Closed Won - Partner', outcome: 'won' },
      'test',
    );
    await writeFile(join(dir, 'accounts.csv'), 'key,name,domain\nA-T1,Fabrikam,fabrikam.example\n');
    await writeFile(
      join(dir, 'opportunities.csv'),
      'key,account,name,type,amount,currency,stage,created_at,closed_at\n' +
        'O-T1,A-T1,Fabrikam expansion,expansion,154132.60,USD,closed_won_partner,2026-03-01,\n',
    );
    const refused = await importDirectory(t.db, dir, { now: NOW });
    expect(refused.files.find((f) => f.file === 'opportunities.csv')!.issues[0]!.message).toBe(
      'the stage is closed_won_partner but closed_at is empty',
    );
    await writeFile(
      join(dir, 'opportunities.csv'),
      'key,account,name,type,amount,currency,stage,created_at,closed_at\n' +
        'O-T1,A-T1,Fabrikam expansion,expansion,154132.60,USD,closed_won_partner,2026-03-01,2026-05-10\n',
    );
    const imported = await importDirectory(t.db, dir, { now: NOW });
    expect(imported.ok).toBe(true);
    const [row] = await t.db.sql.query<{ outcome: string }>(`SELECT outcome FROM opportunity WHERE key = 'O-T1'`);
    expect(row!.outcome).toBe('won');
  });

  it('GraphQL refuses an unknown or retired value with the path and the fix, and reads labels', async () => {
    const upsert = `mutation($input: UpsertPartnerInput!) { upsertPartner(input: $input) {
      __typename ... on UpsertPartnerPayload { partner { tier tierLabel type typeLabel } }
      ... on ValidationError { code issues { path message } } } }`;
    const bad = await t.gql(upsert, { input: { key: 'P-3', name: 'Litware', type: 'technology', tier: 'copper' } }, t.keys.integrator);
    expect(bad.data!.upsertPartner).toMatchObject({ __typename: 'ValidationError', code: 'VALIDATION_FAILED' });
    expect(bad.data!.upsertPartner.issues).toEqual([
      {
        path: 'tier',
        message: expect.stringMatching(
          /^"copper" is not a partner tier; add it with `attrib taxonomy add partner-tier copper`, or use one of: registered, silver, gold, platinum, strategic, bronze$/,
        ),
      },
    ]);
    const good = await t.gql(
      upsert,
      { input: { key: 'P-3', name: 'Litware', type: 'system_integrator', tier: 'bronze' } },
      t.keys.integrator,
    );
    expect(good.data!.upsertPartner).toEqual({
      __typename: 'UpsertPartnerPayload',
      partner: { tier: 'bronze', tierLabel: 'Bronze', type: 'system_integrator', typeLabel: 'System integrator' },
    });

    await t.gql(
      `mutation { addTaxonomyEntry(input: { kind: channel, key: "events", label: "Field events" }) { __typename } }`,
      {},
      t.keys.governance,
    );
    const retire = await t.gql(
      `mutation { retireTaxonomyEntry(kind: channel, key: "events") { __typename ... on TaxonomyEntry { key active } } }`,
      {},
      t.keys.governance,
    );
    expect(retire.data!.retireTaxonomyEntry).toEqual({ __typename: 'TaxonomyEntry', key: 'events', active: false });
    const ingest = await t.gql(
      `mutation($tps: [TouchpointInput!]!) { ingestTouchpoints(input: { touchpoints: $tps }) {
      __typename ... on IngestTouchpointsPayload { items { status issues { path message } } } } }`,
      {
        tps: [
          {
            source: 'prm',
            externalId: 'x-1',
            partnerKey: 'P-3',
            opportunityKey: 'O-T1',
            action: 'webinar',
            channel: 'events',
            occurredAt: '2026-04-01T00:00:00Z',
          },
        ],
      },
      t.keys.integrator,
    );
    expect(ingest.data!.ingestTouchpoints.items).toEqual([
      {
        status: 'rejected',
        issues: [{ path: 'channel', message: expect.stringMatching(/^"events" is a retired channel; new records may not use it; /) }],
      },
    ]);

    const listed = await t.gql(`{ taxonomy(kind: partner_tier, includeRetired: false) { key label active } }`, {}, t.keys.partnerAcme);
    expect(listed.data!.taxonomy.map((e: { key: string }) => e.key)).toEqual([
      'registered',
      'silver',
      'gold',
      'platinum',
      'strategic',
      'bronze',
    ]);
    const denied = await t.gql(
      `mutation { addTaxonomyEntry(input: { kind: channel, key: "partner_led" }) { __typename } }`,
      {},
      t.keys.analyst,
    );
    expect(denied.errors![0]!.extensions!.code).toBe('FORBIDDEN');
  });

  it('the rules checker validates against the taxonomy it is given: unknown values err with the fix, retired values warn', () => {
    const source = (tier: string) => `ruleset tiers "Tiers"
version 1
owner "rev-ops@example.com"

lane influence grants 100% {
  rule "bronze partners" when partner.tier is ${tier} {
    role influenced
    credit linear
  }
}
`;
    const defaults = checkRules(source('bronze'));
    expect(defaults.ok).toBe(false);
    expect(defaults.diagnostics.find((d) => d.code === 'unknown-value')?.hint).toMatch(/attrib taxonomy add partner-tier bronze/);
    const withBronze = new Vocabulary([
      ...DEFAULT_TAXONOMY,
      { kind: 'partner-tier', key: 'bronze', label: 'Bronze', description: null, active: true, outcome: null, position: 9 },
    ]);
    expect(checkRules(source('bronze'), undefined, { vocabulary: withBronze }).diagnostics.filter((d) => d.severity === 'error')).toEqual(
      [],
    );
    const retired = new Vocabulary([
      ...DEFAULT_TAXONOMY,
      { kind: 'partner-tier', key: 'bronze', label: 'Bronze', description: null, active: false, outcome: null, position: 9 },
    ]);
    const r = checkRules(source('bronze'), undefined, { vocabulary: retired });
    expect(r.ok).toBe(true);
    expect(r.diagnostics.map((d) => d.code)).toContain('retired-value');
  });

  it('a published version records its taxonomy; runs compile against that snapshot after the taxonomy changes', async () => {
    const rules = `ruleset tiered "Tiered"
version 1
owner "rev-ops@example.com"

lane influence grants 100% {
  rule "bronze partners" when partner.tier is bronze {
    role influenced
    credit linear
  }
}

test "a bronze partner gets the credit" {
  given opportunity { amount 1000.00 created 2026-01-01 closed 2026-03-01 }
  given partner p2 { tier bronze }
  given touch t1 { partner p2 action referral channel referral on 2026-02-01 }
  expect partner p2 share 100% amount 1000.00 in lane influence
}
`;
    const save = await t.gql(
      `mutation($source: String!) { saveRuleDraft(input: { ruleSetKey: "tiered", source: $source, createRuleSet: true }) {
      __typename ... on SaveRuleDraftPayload { ruleVersion { id taxonomyHash errorCount } } } }`,
      { source: rules },
      t.keys.governance,
    );
    const draft = save.data!.saveRuleDraft.ruleVersion;
    expect(draft.errorCount).toBe(0);
    expect(draft.taxonomyHash).toMatch(/^[0-9a-f]{64}$/);
    const pub = await t.gql(
      `mutation($id: ID!) { publishRuleVersion(input: { ruleVersionId: $id }) { __typename ... on PublishRuleVersionPayload { ruleVersion { taxonomyHash } } ... on UserError { message } } }`,
      { id: draft.id },
      t.keys.governance,
    );
    expect(pub.data!.publishRuleVersion).toMatchObject({ __typename: 'PublishRuleVersionPayload' });
    // Retiring bronze later does not change what the published version means: its runs still compile and credit P-2.
    await addTaxonomyEntry(t.db, { kind: 'partner-tier', key: 'tin' }, 'test');
    await retireTaxonomyEntry(t.db, { kind: 'partner-tier', key: 'bronze' }, 'test');
    const { startRun } = await import('../../src/engine/run.js');
    const [version] = await t.db.sql.query<{ id: string }>(`SELECT id::text AS id FROM rule_version WHERE status = 'published'`);
    const run = await startRun(t.db, { ruleVersionId: version!.id, kind: 'full', triggeredBy: 'test' });
    expect(run.status).toBe('succeeded');
    const [stored] = await t.db.sql.query<{ taxonomy: Array<{ kind: string; key: string; active: boolean }>; taxonomy_hash: string }>(
      `SELECT taxonomy, taxonomy_hash FROM rule_version WHERE id = $1::uuid`,
      [version!.id],
    );
    expect(stored!.taxonomy.find((e) => e.kind === 'partner-tier' && e.key === 'bronze')).toMatchObject({ active: true });
    expect(stored!.taxonomy.some((e) => e.key === 'tin')).toBe(false);
    expect(stored!.taxonomy_hash).toBe(pub.data!.publishRuleVersion.ruleVersion.taxonomyHash);
    expect(stored!.taxonomy_hash).not.toBe(taxonomySnapshot(await loadVocabulary(t.db.sql)).hash);
  });
});

// RuleSet and RuleVersion: the methodology. Partner keys see only versions
// that were published (the published methodology), never drafts.
import type { Prisma } from '../../generated/prisma/client.js';
import { builder } from '../builder.js';
import { countForParent, loadParentPage } from '../common/parent-pages.js';
import type { GraphQLContext } from '../context.js';
import { RuleVersionStatusEnum } from '../common/enums.js';
import { diagnosticsOf, testResultsOf } from '../../rules/testing.js';
import { DiagnosticRef, TestResultsRef } from './diagnostics.js';

export const RuleSetNode = builder.prismaNode('RuleSet', {
  id: { field: 'id' },
  // node(id:) of a record that does not exist answers null, not an error.
  nullable: true,
  description: 'A named methodology (e.g. "default"); its versions are drafted, published and retired.',
  authScopes: { authenticated: true },
  fields: (t) => ({
    key: t.exposeString('key', { description: 'Stable key, as named in the rules file header (e.g. "default").' }),
    name: t.exposeString('name', { description: 'Display name.' }),
    description: t.exposeString('description', { nullable: true, description: 'What the methodology is for; null when none was given.' }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When the rule set was created (ISO 8601, UTC).' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime', description: 'When the rule set record last changed (ISO 8601, UTC).' }),
    versions: t.relatedConnection('versions', {
      cursor: 'id',
      totalCount: true,
      description: 'Versions, newest first. Partner keys see published and retired versions only.',
      args: {
        status: t.arg({
          type: [RuleVersionStatusEnum],
          required: false,
          description: 'Only versions in these statuses; omitted: all the caller may see.',
        }),
      },
      query: (args, ctx) => {
        const visible =
          ctx.principal?.role === 'partner' || ctx.principal?.role === 'integrator' ? (['published', 'retired'] as const) : null;
        const wanted = args.status ?? null;
        const statuses = visible ? (wanted ? wanted.filter((s) => (visible as readonly string[]).includes(s)) : [...visible]) : wanted;
        return {
          where: statuses ? { status: { in: statuses } } : {},
          orderBy: [{ createdAt: 'desc' }, { id: 'asc' }],
        };
      },
    }),
    currentVersion: t.prismaField({
      type: 'RuleVersion',
      nullable: true,
      description: 'The published version in effect today, if any.',
      resolve: async (query, ruleSet, _args, ctx) => {
        const today = new Date(new Date().toISOString().slice(0, 10));
        return ctx.prisma.ruleVersion.findFirst({
          ...query,
          where: {
            ruleSetId: ruleSet.id,
            status: 'published',
            AND: [
              { OR: [{ effectiveFrom: null }, { effectiveFrom: { lte: today } }] },
              { OR: [{ effectiveTo: null }, { effectiveTo: { gte: today } }] },
            ],
          },
          orderBy: { version: 'desc' },
        });
      },
    }),
  }),
});

const versionRuns = (ctx: GraphQLContext) => ({
  name: 'RuleVersion.runs',
  table: 'attribution_run',
  parentColumn: 'rule_version_id',
  parentField: 'ruleVersionId',
  order: [
    { column: 'created_at', field: 'createdAt', desc: true },
    { column: 'id', field: 'id', desc: false },
  ],
  filter: { conditions: [], params: [] },
  findMany: (q: Record<string, unknown>) => ctx.prisma.attributionRun.findMany(q as Prisma.AttributionRunFindManyArgs),
});

export const RuleVersionNode = builder.prismaNode('RuleVersion', {
  id: { field: 'id' },
  // node(id:) of a record that does not exist answers null, not an error.
  nullable: true,
  description: 'One version of a rule set: its source, check diagnostics, in-file test results and lifecycle.',
  authScopes: (v) => (v.status === 'draft' ? { $any: { readInternal: true } } : { authenticated: true }),
  fields: (t) => ({
    ruleSet: t.relation('ruleSet', { description: 'The methodology this is a version of.' }),
    version: t.exposeInt('version', { nullable: true, description: 'Assigned on publish (1, 2, 3 … per rule set); null while a draft.' }),
    status: t.expose('status', { type: RuleVersionStatusEnum, description: 'Draft, published or retired.' }),
    source: t.exposeString('source', { description: 'The rules file text (the rules language, dsl/README.md).' }),
    sourceHash: t.exposeString('sourceHash', {
      description: 'SHA-256 hex of the source text; credit allocations carry it, so each is traceable to the exact text.',
    }),
    semanticHash: t.exposeString('semanticHash', {
      nullable: true,
      description:
        "Hash of the rules' meaning (insensitive to layout and comments): equal for two versions that give the same credit; null when the source does not parse.",
    }),
    taxonomyHash: t.exposeString('taxonomyHash', {
      nullable: true,
      description: 'Hash of the taxonomy the version was checked against (keys, outcomes, active flags); null: the default taxonomy.',
    }),
    diagnostics: t.field({
      type: [DiagnosticRef],
      description: 'What the checker found when the version was saved (errors, warnings, notes), in source order.',
      select: { diagnostics: true },
      resolve: (v) => diagnosticsOf(v.diagnostics),
    }),
    errorCount: t.int({
      description: 'Error diagnostics; a version with any cannot be published.',
      select: { diagnostics: true },
      resolve: (v) => diagnosticsOf(v.diagnostics).filter((d) => d.severity === 'error').length,
    }),
    testResults: t.field({
      type: TestResultsRef,
      nullable: true,
      description: 'The latest in-file test results (for a published version: at publication); null when never tested.',
      select: { testResults: true },
      resolve: (v) => testResultsOf(v.testResults),
    }),
    effectiveFrom: t.expose('effectiveFrom', {
      type: 'Date',
      nullable: true,
      description: 'First attribution date (YYYY-MM-DD, inclusive) the version applies to, from the rules header; null: no lower bound.',
    }),
    effectiveTo: t.expose('effectiveTo', {
      type: 'Date',
      nullable: true,
      description: 'Last attribution date (YYYY-MM-DD, inclusive) the version applies to; null: open-ended.',
    }),
    author: t.exposeString('author', { description: 'Who saved the draft: an actor such as "key:<prefix> (<name>)" for an API key.' }),
    publishedBy: t.exposeString('publishedBy', { nullable: true, description: 'Who published it; null while a draft.' }),
    publishedAt: t.expose('publishedAt', {
      type: 'DateTime',
      nullable: true,
      description: 'When it was published (ISO 8601, UTC); null while a draft.',
    }),
    retiredAt: t.expose('retiredAt', {
      type: 'DateTime',
      nullable: true,
      description: 'When it was retired (ISO 8601, UTC); null unless retired.',
    }),
    changeNote: t.exposeString('changeNote', {
      nullable: true,
      description: 'What changed and why, as written by its author; null when none.',
    }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When the draft was first saved (ISO 8601, UTC).' }),
    updatedAt: t.expose('updatedAt', {
      type: 'DateTime',
      description: 'When the version last changed (ISO 8601, UTC); frozen once published.',
    }),
    // Every ingestion batch adds an incremental run: pages are bounded per version.
    runs: t.prismaConnection({
      type: 'AttributionRun',
      cursor: 'id',
      description: 'Runs under this version (full, incremental and preview), newest first; internal readers only.',
      authScopes: { readInternal: true },
      resolve: (query, version, _args, ctx) => loadParentPage(ctx, versionRuns(ctx), version.id, query),
      totalCount: (version, _args, ctx) => countForParent(ctx, versionRuns(ctx), version.id),
    }),
  }),
});

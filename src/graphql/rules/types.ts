// RuleSet and RuleVersion: the methodology. Partner keys see only versions
// that were published (the published methodology), never drafts.
import type { Prisma } from '../../generated/prisma/client.js';
import { builder } from '../builder.js';
import { countForParent, loadParentPage } from '../common/parent-pages.js';
import type { GraphQLContext } from '../context.js';
import { RuleVersionStatusEnum } from '../common/enums.js';
import { DiagnosticRef, TestResultsRef, diagnosticsOf, testResultsOf } from './diagnostics.js';

export const RuleSetNode = builder.prismaNode('RuleSet', {
  id: { field: 'id' },
  // node(id:) of a record that does not exist answers null, not an error.
  nullable: true,
  description: 'A named methodology (e.g. "default"); its versions are drafted, published and retired.',
  authScopes: { authenticated: true },
  fields: (t) => ({
    key: t.exposeString('key'),
    name: t.exposeString('name'),
    description: t.exposeString('description', { nullable: true }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime' }),
    versions: t.relatedConnection('versions', {
      cursor: 'id',
      totalCount: true,
      description: 'Versions, newest first. Partner keys see published and retired versions only.',
      args: { status: t.arg({ type: [RuleVersionStatusEnum], required: false }) },
      query: (args, ctx) => {
        const visible = ctx.principal?.role === 'partner' || ctx.principal?.role === 'integrator'
          ? ['published', 'retired'] as const : null;
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
            ruleSetId: ruleSet.id, status: 'published',
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
  name: 'RuleVersion.runs', table: 'attribution_run', parentColumn: 'rule_version_id', parentField: 'ruleVersionId',
  order: [{ column: 'created_at', field: 'createdAt', desc: true }, { column: 'id', field: 'id', desc: false }],
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
    ruleSet: t.relation('ruleSet'),
    version: t.exposeInt('version', { nullable: true, description: 'Assigned on publish (1, 2, 3 … per rule set); null while a draft.' }),
    status: t.expose('status', { type: RuleVersionStatusEnum }),
    source: t.exposeString('source'),
    sourceHash: t.exposeString('sourceHash'),
    semanticHash: t.exposeString('semanticHash', { nullable: true }),
    taxonomyHash: t.exposeString('taxonomyHash', { nullable: true, description: 'Hash of the taxonomy the version was checked against (keys, outcomes, active flags); null: the default taxonomy.' }),
    diagnostics: t.field({ type: [DiagnosticRef], select: { diagnostics: true }, resolve: (v) => diagnosticsOf(v.diagnostics) }),
    errorCount: t.int({ select: { diagnostics: true }, resolve: (v) => diagnosticsOf(v.diagnostics).filter((d) => d.severity === 'error').length }),
    testResults: t.field({ type: TestResultsRef, nullable: true, select: { testResults: true }, resolve: (v) => testResultsOf(v.testResults) }),
    effectiveFrom: t.expose('effectiveFrom', { type: 'Date', nullable: true }),
    effectiveTo: t.expose('effectiveTo', { type: 'Date', nullable: true }),
    author: t.exposeString('author'),
    publishedBy: t.exposeString('publishedBy', { nullable: true }),
    publishedAt: t.expose('publishedAt', { type: 'DateTime', nullable: true }),
    retiredAt: t.expose('retiredAt', { type: 'DateTime', nullable: true }),
    changeNote: t.exposeString('changeNote', { nullable: true }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime' }),
    // Every ingestion batch adds an incremental run: pages are bounded per version.
    runs: t.prismaConnection({
      type: 'AttributionRun',
      cursor: 'id',
      authScopes: { readInternal: true },
      resolve: (query, version, _args, ctx) => loadParentPage(ctx, versionRuns(ctx), version.id, query),
      totalCount: (version, _args, ctx) => countForParent(ctx, versionRuns(ctx), version.id),
    }),
  }),
});

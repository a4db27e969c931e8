// Governance authoring: create a rule set, save a draft (returns diagnostics),
// test it, preview its impact, publish, retire. Each service call audits its
// change in the same transaction (src/rules).
import type { RuleSet, RuleVersion } from '../../generated/prisma/client.js';
import { createRuleSet, publishRuleVersion, retireRuleVersion, saveDraft } from '../../rules/lifecycle.js';
import { previewRules } from '../../rules/preview.js';
import { testRuleVersion } from '../../rules/testing.js';
import type { ImpactReport } from '../../engine/preview.js';
import { actorOf } from '../../auth/principal.js';
import { builder } from '../builder.js';
import { idOf } from '../common/ids.js';
import { domainCall } from '../common/domain-errors.js';
import { DomainRuleError, COMMON_ERRORS } from '../errors.js';
import { DiagnosticRef, TestResultsRef, diagnosticsOf, testResultsOf, type DiagnosticShape, type TestResultsShape } from './diagnostics.js';
import { RuleSetNode, RuleVersionNode } from './types.js';
import { ImpactReportRef, RunScopeInput, runScopeOf } from '../runs/scope.js';

const ERRORS = [DomainRuleError, ...COMMON_ERRORS];

// createRuleSet ---------------------------------------------------------------
const CreateRuleSetInput = builder.inputType('CreateRuleSetInput', {
  fields: (t) => ({
    key: t.string({ required: true, description: '1–80 letters, digits, "_", "-" or "."; named in the rules header.' }),
    name: t.string({ required: false }),
    description: t.string({ required: false }),
  }),
});

const CreateRuleSetPayload = builder.objectRef<{ ruleSet: RuleSet }>('CreateRuleSetPayload').implement({
  fields: (t) => ({ ruleSet: t.field({ type: RuleSetNode, resolve: (p) => p.ruleSet }) }),
});

builder.mutationField('createRuleSet', (t) => t.field({
  type: CreateRuleSetPayload,
  authScopes: { govern: true },
  errors: { types: ERRORS, union: { name: 'CreateRuleSetResult' } },
  args: { input: t.arg({ type: CreateRuleSetInput, required: true }) },
  resolve: async (_r, { input }, ctx) => ({
    ruleSet: await domainCall(() => createRuleSet(ctx.db, {
      key: input.key, name: input.name ?? undefined, description: input.description ?? null, actor: actorOf(ctx.principal!),
    })),
  }),
}));

// saveRuleDraft -----------------------------------------------------------------
const SaveRuleDraftInput = builder.inputType('SaveRuleDraftInput', {
  fields: (t) => ({
    ruleSetKey: t.string({ required: true }),
    source: t.string({ required: true, description: 'The rules text. Saved even when it has errors (drafts are work in progress).' }),
    changeNote: t.string({ required: false }),
    ruleVersionId: t.id({ required: false, description: 'Edit this draft instead of creating a new one.' }),
    createRuleSet: t.boolean({ required: false, defaultValue: false, description: 'Create the rule set if it does not exist.' }),
  }),
});

const SaveRuleDraftPayload = builder.objectRef<{ ruleVersion: RuleVersion; diagnostics: DiagnosticShape[]; created: boolean }>('SaveRuleDraftPayload').implement({
  fields: (t) => ({
    ruleVersion: t.field({ type: RuleVersionNode, resolve: (p) => p.ruleVersion }),
    diagnostics: t.field({ type: [DiagnosticRef], description: 'What the checker found, with line:column ranges.', resolve: (p) => p.diagnostics }),
    ok: t.boolean({ description: 'true when there are no error diagnostics.', resolve: (p) => !p.diagnostics.some((d) => d.severity === 'error') }),
    created: t.exposeBoolean('created', { description: 'false when an identical draft already existed and was returned.' }),
    testResults: t.field({ type: TestResultsRef, nullable: true, resolve: (p) => testResultsOf(p.ruleVersion.testResults) }),
  }),
});

builder.mutationField('saveRuleDraft', (t) => t.field({
  type: SaveRuleDraftPayload,
  authScopes: { govern: true },
  errors: { types: ERRORS, union: { name: 'SaveRuleDraftResult' } },
  args: { input: t.arg({ type: SaveRuleDraftInput, required: true }) },
  resolve: async (_r, { input }, ctx) => {
    const ruleVersionId = input.ruleVersionId ? idOf(String(input.ruleVersionId), 'RuleVersion', 'ruleVersionId') : undefined;
    const result = await domainCall(() => saveDraft(ctx.db, {
      ruleSetKey: input.ruleSetKey, source: input.source, author: actorOf(ctx.principal!),
      changeNote: input.changeNote ?? null, ruleVersionId, createRuleSet: input.createRuleSet ?? false,
    }));
    return { ruleVersion: result.ruleVersion, diagnostics: diagnosticsOf(result.diagnostics), created: result.created };
  },
}));

// testRuleVersion ------------------------------------------------------------------
const RuleVersionRefInput = builder.inputType('RuleVersionRefInput', {
  fields: (t) => ({ ruleVersionId: t.id({ required: true }) }),
});

const TestRuleVersionPayload = builder.objectRef<{ ruleVersion: RuleVersion; results: TestResultsShape }>('TestRuleVersionPayload').implement({
  fields: (t) => ({
    ruleVersion: t.field({ type: RuleVersionNode, resolve: (p) => p.ruleVersion }),
    results: t.field({ type: TestResultsRef, resolve: (p) => p.results }),
  }),
});

builder.mutationField('testRuleVersion', (t) => t.field({
  type: TestRuleVersionPayload,
  description: 'Runs the version\'s in-file tests now. A draft keeps the new results; a published version is frozen and only reports them.',
  authScopes: { govern: true },
  errors: { types: ERRORS, union: { name: 'TestRuleVersionResult' } },
  args: { input: t.arg({ type: RuleVersionRefInput, required: true }) },
  resolve: async (_r, { input }, ctx) => {
    const id = idOf(String(input.ruleVersionId), 'RuleVersion', 'ruleVersionId');
    const actor = actorOf(ctx.principal!);
    const { ruleVersion, outcome } = await domainCall(() => testRuleVersion(ctx.db, { ruleVersionId: id, ref: String(input.ruleVersionId), actor }));
    return { ruleVersion, results: testResultsOf(outcome)! };
  },
}));

// previewRuleVersion ---------------------------------------------------------------
const PreviewRuleVersionInput = builder.inputType('PreviewRuleVersionInput', {
  fields: (t) => ({
    ruleVersionId: t.id({ required: true }),
    scope: t.field({ type: RunScopeInput, required: false }),
    examples: t.int({ required: false, defaultValue: 3, description: 'Changed opportunities to explain before/after (0–20).' }),
    ignoreEffectiveWindow: t.boolean({ required: false, defaultValue: false }),
  }),
});

const PreviewPayload = builder.objectRef<{ report: ImpactReport }>('PreviewRuleVersionPayload').implement({
  fields: (t) => ({ impact: t.field({ type: ImpactReportRef, resolve: (p) => p.report }) }),
});

builder.mutationField('previewRuleVersion', (t) => t.field({
  type: PreviewPayload,
  description: 'What would change if this version were in force: credit moved per partner and channel, and examples. Writes no current credit.',
  authScopes: { govern: true },
  errors: { types: ERRORS, union: { name: 'PreviewRuleVersionResult' } },
  args: { input: t.arg({ type: PreviewRuleVersionInput, required: true }) },
  resolve: async (_r, { input }, ctx) => {
    const id = idOf(String(input.ruleVersionId), 'RuleVersion', 'ruleVersionId');
    const examples = Math.max(0, Math.min(20, input.examples ?? 3));
    const actor = actorOf(ctx.principal!);
    const report = await domainCall(() => previewRules(ctx.db, {
      ruleVersionId: id, scope: runScopeOf(input.scope), examples, author: actor,
      ignoreEffectiveWindow: input.ignoreEffectiveWindow ?? false, audit: { actor },
    }));
    return { report };
  },
}));

// publish / retire -----------------------------------------------------------------
const PublishRuleVersionInput = builder.inputType('PublishRuleVersionInput', {
  fields: (t) => ({
    ruleVersionId: t.id({ required: true }),
    retireOverlapping: t.boolean({ required: false, defaultValue: false, description: 'Retire published versions whose effective window overlaps.' }),
  }),
});

const PublishPayload = builder.objectRef<{ ruleVersion: RuleVersion; retired: RuleVersion[] }>('PublishRuleVersionPayload').implement({
  fields: (t) => ({
    ruleVersion: t.field({ type: RuleVersionNode, resolve: (p) => p.ruleVersion }),
    retired: t.field({ type: [RuleVersionNode], resolve: (p) => p.retired }),
  }),
});

builder.mutationField('publishRuleVersion', (t) => t.field({
  type: PublishPayload,
  description: 'Publishes a draft: it must check clean, have passing in-file tests and not overlap another published window. Start a run afterwards to apply it.',
  authScopes: { govern: true },
  errors: { types: ERRORS, union: { name: 'PublishRuleVersionResult' } },
  args: { input: t.arg({ type: PublishRuleVersionInput, required: true }) },
  resolve: (_r, { input }, ctx) => domainCall(() => publishRuleVersion(ctx.db, {
    ruleVersionId: idOf(String(input.ruleVersionId), 'RuleVersion', 'ruleVersionId'),
    actor: actorOf(ctx.principal!), retireOverlapping: input.retireOverlapping ?? false,
  })),
}));

const RetireRuleVersionInput = builder.inputType('RetireRuleVersionInput', {
  fields: (t) => ({
    ruleVersionId: t.id({ required: true }),
    reason: t.string({ required: false }),
  }),
});

const RetirePayload = builder.objectRef<{ ruleVersion: RuleVersion }>('RetireRuleVersionPayload').implement({
  fields: (t) => ({ ruleVersion: t.field({ type: RuleVersionNode, resolve: (p) => p.ruleVersion }) }),
});

builder.mutationField('retireRuleVersion', (t) => t.field({
  type: RetirePayload,
  description: 'Retires a published version; its allocations stay for history.',
  authScopes: { govern: true },
  errors: { types: ERRORS, union: { name: 'RetireRuleVersionResult' } },
  args: { input: t.arg({ type: RetireRuleVersionInput, required: true }) },
  resolve: async (_r, { input }, ctx) => ({
    ruleVersion: await domainCall(() => retireRuleVersion(ctx.db, {
      ruleVersionId: idOf(String(input.ruleVersionId), 'RuleVersion', 'ruleVersionId'),
      actor: actorOf(ctx.principal!), reason: input.reason ?? undefined,
    })),
  }),
}));

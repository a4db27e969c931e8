// Governance authoring: create a rule set, save a draft (returns diagnostics),
// test it, preview its impact, publish, retire. Each service call audits its
// change in the same transaction (src/rules).
import type { RuleSet, RuleVersion } from '../../generated/prisma/client.js';
import { createRuleSet, publishRuleVersion, retireRuleVersion, saveDraft } from '../../rules/lifecycle.js';
import { previewRules } from '../../rules/preview.js';
import { diagnosticsOf, testResultsOf, testRuleVersion, type DiagnosticShape, type TestResultsShape } from '../../rules/testing.js';
import type { ImpactReport } from '../../engine/preview.js';
import { actorOf } from '../../auth/principal.js';
import { builder } from '../builder.js';
import { inputMutation } from '../common/mutation.js';
import { idOf } from '../common/ids.js';
import { domainCall } from '../common/domain-errors.js';
import { DomainRuleError, COMMON_ERRORS } from '../errors.js';
import { DiagnosticRef, TestResultsRef } from './diagnostics.js';
import { RuleSetNode, RuleVersionNode } from './types.js';
import { ImpactReportRef, RunScopeInput, runScopeOf } from '../runs/scope.js';

const ERRORS = [DomainRuleError, ...COMMON_ERRORS];

// createRuleSet ---------------------------------------------------------------
const CreateRuleSetInput = builder.inputType('CreateRuleSetInput', {
  description: 'A new methodology.',
  fields: (t) => ({
    key: t.string({ required: true, description: '1–80 letters, digits, "_", "-" or "."; named in the rules header.' }),
    name: t.string({ required: false, description: 'Display name; default: the key.' }),
    description: t.string({ required: false, description: 'What the methodology is for.' }),
  }),
});

const CreateRuleSetPayload = builder.objectRef<{ ruleSet: RuleSet }>('CreateRuleSetPayload').implement({
  description: 'The created rule set.',
  fields: (t) => ({
    ruleSet: t.field({ type: RuleSetNode, description: 'The new rule set (no versions yet).', resolve: (p) => p.ruleSet }),
  }),
});

inputMutation('createRuleSet', {
  payload: CreateRuleSetPayload,
  description: 'Creates an empty methodology (audited). Governance and admin keys.',
  authScopes: { govern: true },
  errors: { types: ERRORS, union: 'The new rule set, or why it was refused (e.g. the key exists).' },
  input: { type: CreateRuleSetInput, description: 'The rule set.' },
  resolve: async (input, ctx) => ({
    ruleSet: await domainCall(() =>
      createRuleSet(ctx.db, {
        key: input.key,
        name: input.name ?? undefined,
        description: input.description ?? null,
        actor: actorOf(ctx.principal!),
      }),
    ),
  }),
});

// saveRuleDraft -----------------------------------------------------------------
const SaveRuleDraftInput = builder.inputType('SaveRuleDraftInput', {
  description: "A draft's rules text, new or edited.",
  fields: (t) => ({
    ruleSetKey: t.string({ required: true, description: 'The rule set the draft belongs to.' }),
    source: t.string({ required: true, description: 'The rules text. Saved even when it has errors (drafts are work in progress).' }),
    changeNote: t.string({ required: false, description: 'What changed and why, for reviewers.' }),
    ruleVersionId: t.id({ required: false, description: 'Edit this draft instead of creating a new one.' }),
    createRuleSet: t.boolean({ required: false, defaultValue: false, description: 'Create the rule set if it does not exist.' }),
  }),
});

const SaveRuleDraftPayload = builder
  .objectRef<{ ruleVersion: RuleVersion; diagnostics: DiagnosticShape[]; created: boolean }>('SaveRuleDraftPayload')
  .implement({
    description: 'The saved draft and what the checker found.',
    fields: (t) => ({
      ruleVersion: t.field({ type: RuleVersionNode, description: 'The draft as saved.', resolve: (p) => p.ruleVersion }),
      diagnostics: t.field({
        type: [DiagnosticRef],
        description: 'What the checker found, with line:column ranges.',
        resolve: (p) => p.diagnostics,
      }),
      ok: t.boolean({
        description: 'true when there are no error diagnostics.',
        resolve: (p) => !p.diagnostics.some((d) => d.severity === 'error'),
      }),
      created: t.exposeBoolean('created', { description: 'false when an identical draft already existed and was returned.' }),
      testResults: t.field({
        type: TestResultsRef,
        nullable: true,
        description: "The draft's stored in-file test results; null when never tested (run testRuleVersion).",
        resolve: (p) => testResultsOf(p.ruleVersion.testResults),
      }),
    }),
  });

inputMutation('saveRuleDraft', {
  payload: SaveRuleDraftPayload,
  description: "Saves a draft (even with errors) and returns the checker's diagnostics; audited. Governance and admin keys.",
  authScopes: { govern: true },
  errors: { types: ERRORS, union: 'The saved draft, or why it was refused (e.g. editing a version that is not a draft).' },
  input: { type: SaveRuleDraftInput, description: 'The draft.' },
  resolve: async (input, ctx) => {
    const ruleVersionId = input.ruleVersionId ? idOf(String(input.ruleVersionId), 'RuleVersion', 'ruleVersionId') : undefined;
    const result = await domainCall(() =>
      saveDraft(ctx.db, {
        ruleSetKey: input.ruleSetKey,
        source: input.source,
        author: actorOf(ctx.principal!),
        changeNote: input.changeNote ?? null,
        ruleVersionId,
        createRuleSet: input.createRuleSet ?? false,
      }),
    );
    return { ruleVersion: result.ruleVersion, diagnostics: diagnosticsOf(result.diagnostics), created: result.created };
  },
});

// testRuleVersion ------------------------------------------------------------------
const RuleVersionRefInput = builder.inputType('RuleVersionRefInput', {
  description: 'One rule version.',
  fields: (t) => ({ ruleVersionId: t.id({ required: true, description: 'Global id of a RuleVersion.' }) }),
});

const TestRuleVersionPayload = builder
  .objectRef<{ ruleVersion: RuleVersion; results: TestResultsShape }>('TestRuleVersionPayload')
  .implement({
    description: 'The tested version and its test results.',
    fields: (t) => ({
      ruleVersion: t.field({
        type: RuleVersionNode,
        description: 'The version (a draft with the new results stored).',
        resolve: (p) => p.ruleVersion,
      }),
      results: t.field({ type: TestResultsRef, description: 'The results of this test run.', resolve: (p) => p.results }),
    }),
  });

inputMutation('testRuleVersion', {
  payload: TestRuleVersionPayload,
  description: "Runs the version's in-file tests now. A draft keeps the new results; a published version is frozen and only reports them.",
  authScopes: { govern: true },
  errors: { types: ERRORS, union: 'The test results, or why the version could not be tested.' },
  input: { type: RuleVersionRefInput, description: 'The version to test.' },
  resolve: async (input, ctx) => {
    const id = idOf(String(input.ruleVersionId), 'RuleVersion', 'ruleVersionId');
    const actor = actorOf(ctx.principal!);
    const { ruleVersion, outcome } = await domainCall(() =>
      testRuleVersion(ctx.db, { ruleVersionId: id, ref: String(input.ruleVersionId), actor }),
    );
    return { ruleVersion, results: testResultsOf(outcome)! };
  },
});

// previewRuleVersion ---------------------------------------------------------------
const PreviewRuleVersionInput = builder.inputType('PreviewRuleVersionInput', {
  description: 'A version to preview and on which opportunities.',
  fields: (t) => ({
    ruleVersionId: t.id({ required: true, description: 'Global id of a RuleVersion: a draft or any other version.' }),
    scope: t.field({
      type: RunScopeInput,
      required: false,
      description: "Which opportunities to evaluate; omitted: every one in the version's window.",
    }),
    examples: t.int({ required: false, defaultValue: 3, description: 'Changed opportunities to explain before/after (0–20).' }),
    ignoreEffectiveWindow: t.boolean({
      required: false,
      defaultValue: false,
      description: "Evaluate the scope's opportunities whatever their attribution date (ignore the version's effectiveFrom/effectiveTo).",
    }),
  }),
});

const PreviewPayload = builder.objectRef<{ report: ImpactReport }>('PreviewRuleVersionPayload').implement({
  description: 'The impact of the previewed version.',
  fields: (t) => ({
    impact: t.field({ type: ImpactReportRef, description: 'What would change against the credit in force.', resolve: (p) => p.report }),
  }),
});

inputMutation('previewRuleVersion', {
  payload: PreviewPayload,
  description:
    'What would change if this version were in force: credit moved per partner and channel, and examples. Writes no current credit.',
  authScopes: { govern: true },
  errors: { types: ERRORS, union: 'The impact report, or why the preview was refused.' },
  input: { type: PreviewRuleVersionInput, description: 'The version and scope.' },
  resolve: async (input, ctx) => {
    const id = idOf(String(input.ruleVersionId), 'RuleVersion', 'ruleVersionId');
    const examples = Math.max(0, Math.min(20, input.examples ?? 3));
    const actor = actorOf(ctx.principal!);
    const report = await domainCall(() =>
      previewRules(ctx.db, {
        ruleVersionId: id,
        scope: runScopeOf(input.scope),
        examples,
        author: actor,
        ignoreEffectiveWindow: input.ignoreEffectiveWindow ?? false,
        audit: { actor },
      }),
    );
    return { report };
  },
});

// publish / retire -----------------------------------------------------------------
const PublishRuleVersionInput = builder.inputType('PublishRuleVersionInput', {
  description: 'The draft to publish.',
  fields: (t) => ({
    ruleVersionId: t.id({ required: true, description: 'Global id of a draft RuleVersion.' }),
    retireOverlapping: t.boolean({
      required: false,
      defaultValue: false,
      description: 'Retire published versions whose effective window overlaps.',
    }),
  }),
});

const PublishPayload = builder.objectRef<{ ruleVersion: RuleVersion; retired: RuleVersion[] }>('PublishRuleVersionPayload').implement({
  description: 'The published version and the versions it retired.',
  fields: (t) => ({
    ruleVersion: t.field({
      type: RuleVersionNode,
      description: 'The version, now published with its number.',
      resolve: (p) => p.ruleVersion,
    }),
    retired: t.field({
      type: [RuleVersionNode],
      description: 'Versions retired because their window overlapped (retireOverlapping); empty otherwise.',
      resolve: (p) => p.retired,
    }),
  }),
});

inputMutation('publishRuleVersion', {
  payload: PublishPayload,
  description:
    'Publishes a draft: it must check clean, have passing in-file tests and not overlap another published window. Start a run afterwards to apply it.',
  authScopes: { govern: true },
  errors: { types: ERRORS, union: 'The published version, or why it may not be published (e.g. TESTS_FAILED).' },
  input: { type: PublishRuleVersionInput, description: 'The draft.' },
  resolve: (input, ctx) =>
    domainCall(() =>
      publishRuleVersion(ctx.db, {
        ruleVersionId: idOf(String(input.ruleVersionId), 'RuleVersion', 'ruleVersionId'),
        actor: actorOf(ctx.principal!),
        retireOverlapping: input.retireOverlapping ?? false,
      }),
    ),
});

const RetireRuleVersionInput = builder.inputType('RetireRuleVersionInput', {
  description: 'The published version to retire.',
  fields: (t) => ({
    ruleVersionId: t.id({ required: true, description: 'Global id of a published RuleVersion.' }),
    reason: t.string({ required: false, description: 'Why, for the audit trail.' }),
  }),
});

const RetirePayload = builder.objectRef<{ ruleVersion: RuleVersion }>('RetireRuleVersionPayload').implement({
  description: 'The retired version.',
  fields: (t) => ({
    ruleVersion: t.field({ type: RuleVersionNode, description: 'The version, now retired.', resolve: (p) => p.ruleVersion }),
  }),
});

inputMutation('retireRuleVersion', {
  payload: RetirePayload,
  description: 'Retires a published version; its allocations stay for history.',
  authScopes: { govern: true },
  errors: { types: ERRORS, union: 'The retired version, or why it may not be retired.' },
  input: { type: RetireRuleVersionInput, description: 'The version.' },
  resolve: async (input, ctx) => ({
    ruleVersion: await domainCall(() =>
      retireRuleVersion(ctx.db, {
        ruleVersionId: idOf(String(input.ruleVersionId), 'RuleVersion', 'ruleVersionId'),
        actor: actorOf(ctx.principal!),
        reason: input.reason ?? undefined,
      }),
    ),
  }),
});

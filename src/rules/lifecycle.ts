// Rule sets and the lifecycle of their versions: draft → published → retired.
//
//  - A draft is editable; saving stores its source, hashes, diagnostics and
//    in-file test results whether or not it checks clean (drafts are work in
//    progress), and is idempotent for identical source.
//  - Publishing requires a clean check, at least one in-file test and all of
//    them passing, a header naming this rule set, and an effective window that
//    overlaps no other published version of the set. It assigns the next
//    version number (1, 2, 3 … per rule set, never reused) and freezes the
//    version (the database refuses later edits, see the integrity migration).
//  - Retiring keeps the row and every allocation that refers to it.
//  - Rollback publishes a new version with an old version's content.
// Every change writes an audit event in the same transaction.
import { createHash } from 'node:crypto';
import type { Prisma, RuleSet, RuleVersion } from '../generated/prisma/client.js';
import { recordAudit } from '../audit/record.js';
import type { EngineDb } from '../engine/db.js';
import { taxonomySnapshot, type Vocabulary } from '../domain/taxonomy.js';
import { loadVocabulary } from '../taxonomy/store.js';
import { defaultRulesLanguage, headerDate, type RuleProgram, type RulesLanguage, type RuleTestOutcome } from '../engine/compile.js';
import {
  EffectiveWindowOverlapError,
  NoTestsError,
  NotADraftError,
  NotPublishedError,
  RuleSetExistsError,
  RuleSetMismatchError,
  RuleSetNotFoundError,
  RuleVersionNotFoundError,
  RulesInvalidError,
  TestsFailedError,
  type DiagnosticLike,
  type FailedTest,
} from './errors.js';

type Tx = Prisma.TransactionClient;

export interface LifecycleOptions {
  /** The rules language; defaults to the project's (src/dsl). */
  language?: RulesLanguage;
}

export interface EffectiveWindow {
  effectiveFrom: string | null;
  effectiveTo: string | null;
}

const KEY_RE = /^[a-z0-9][a-z0-9_.-]{0,79}$/i;

export async function createRuleSet(
  db: EngineDb,
  input: { key: string; name?: string; description?: string | null; actor: string },
): Promise<RuleSet> {
  if (!KEY_RE.test(input.key)) {
    throw new RulesInvalidError(
      [
        {
          code: 'BAD_RULE_SET_KEY',
          severity: 'error',
          message: `rule set key "${input.key}" must be 1–80 letters, digits, "_", "-" or "."`,
        },
      ],
      'the rule set key',
    );
  }
  return db.prisma.$transaction(async (tx) => {
    const existing = await tx.ruleSet.findUnique({ where: { key: input.key } });
    if (existing) throw new RuleSetExistsError(input.key);
    const ruleSet = await tx.ruleSet.create({
      data: { key: input.key, name: input.name ?? input.key, description: input.description ?? null },
    });
    await recordAudit(tx, { actor: input.actor, action: 'ruleSet.create', entityType: 'RuleSet', entityId: ruleSet.id, after: ruleSet });
    return ruleSet;
  });
}

export async function getRuleSet(db: EngineDb, key: string): Promise<RuleSet> {
  const ruleSet = await db.prisma.ruleSet.findUnique({ where: { key } });
  if (!ruleSet) throw new RuleSetNotFoundError(key);
  return ruleSet;
}

export interface SaveDraftInput {
  ruleSetKey: string;
  source: string;
  author: string;
  changeNote?: string | null;
  /** Edit this draft instead of creating one. */
  ruleVersionId?: string;
  /** File name for diagnostics. */
  file?: string;
  /** Create the rule set when it does not exist yet. */
  createRuleSet?: boolean;
}

export interface SaveDraftResult {
  ruleVersion: RuleVersion;
  diagnostics: DiagnosticLike[];
  /** false when an identical draft already existed and was returned. */
  created: boolean;
}

/** What checking a source yields, stored on the draft. */
interface Assessment {
  program: RuleProgram | null;
  diagnostics: DiagnosticLike[];
  sourceHash: string;
  semanticHash: string | null;
  window: EffectiveWindow;
  tests: RuleTestOutcome | null;
}

async function assess(
  language: RulesLanguage,
  source: string,
  ruleSetKey: string,
  vocabulary: Vocabulary,
  file?: string,
): Promise<Assessment> {
  const compiled = language.compile(source, file, vocabulary);
  const diagnostics = [...compiled.diagnostics];
  const fallbackHash = createHash('sha256').update(source).digest('hex');
  if (!compiled.ok) {
    return {
      program: null,
      diagnostics,
      sourceHash: fallbackHash,
      semanticHash: null,
      window: { effectiveFrom: null, effectiveTo: null },
      tests: null,
    };
  }
  const program = compiled.rules;
  if (program.header.ruleSet !== ruleSetKey) {
    diagnostics.push({
      code: 'RULE_SET_MISMATCH',
      severity: 'error',
      message: `the header names rule set "${program.header.ruleSet}" but the draft is saved into "${ruleSetKey}"`,
      hint: `change the header to rule set "${ruleSetKey}" or save into "${program.header.ruleSet}"`,
    });
  }
  const window = { effectiveFrom: headerDate(program.header.effectiveFrom), effectiveTo: headerDate(program.header.effectiveTo) };
  const tests = hasErrors(diagnostics) ? null : await language.runTests(source, file, vocabulary);
  return {
    program,
    diagnostics,
    sourceHash: program.sourceHash || fallbackHash,
    semanticHash: program.semanticHash ?? null,
    window,
    tests,
  };
}

export async function saveDraft(db: EngineDb, input: SaveDraftInput, options: LifecycleOptions = {}): Promise<SaveDraftResult> {
  const language = options.language ?? (await defaultRulesLanguage());
  let ruleSet = await db.prisma.ruleSet.findUnique({ where: { key: input.ruleSetKey } });
  if (!ruleSet) {
    if (!input.createRuleSet) throw new RuleSetNotFoundError(input.ruleSetKey);
    ruleSet = await createRuleSet(db, { key: input.ruleSetKey, actor: input.author });
  }
  // Checked against the taxonomy in force, which the draft records (and publishing records again).
  const vocabulary = await loadVocabulary(db.sql);
  const snapshot = taxonomySnapshot(vocabulary);
  const a = await assess(language, input.source, input.ruleSetKey, vocabulary, input.file);
  const data = {
    taxonomy: toJson(snapshot.entries),
    taxonomyHash: snapshot.hash,
    source: input.source,
    sourceHash: a.sourceHash,
    semanticHash: a.semanticHash,
    diagnostics: toJson(a.diagnostics),
    testResults: a.tests ? toJson(a.tests) : undefined,
    effectiveFrom: dateOrNull(a.window.effectiveFrom),
    effectiveTo: dateOrNull(a.window.effectiveTo),
    changeNote: input.changeNote ?? null,
  };
  const ruleSetId = ruleSet.id;
  return db.prisma.$transaction(async (tx) => {
    if (input.ruleVersionId) {
      const existing = await tx.ruleVersion.findUnique({ where: { id: input.ruleVersionId } });
      if (!existing || existing.ruleSetId !== ruleSetId)
        throw new RuleVersionNotFoundError(`${input.ruleVersionId} in rule set "${input.ruleSetKey}"`);
      if (existing.status !== 'draft') throw new NotADraftError(existing.id, existing.status, existing.version);
      const updated = await tx.ruleVersion.update({ where: { id: existing.id }, data: { ...data, author: input.author } });
      await recordAudit(tx, {
        actor: input.author,
        action: 'ruleVersion.editDraft',
        entityType: 'RuleVersion',
        entityId: updated.id,
        before: { sourceHash: existing.sourceHash },
        after: { sourceHash: updated.sourceHash, diagnostics: a.diagnostics.length },
      });
      return { ruleVersion: updated, diagnostics: a.diagnostics, created: true };
    }
    const same = await tx.ruleVersion.findFirst({
      where: { ruleSetId, status: 'draft', sourceHash: a.sourceHash, source: input.source },
      orderBy: { createdAt: 'desc' },
    });
    if (same) return { ruleVersion: same, diagnostics: a.diagnostics, created: false };
    const created = await tx.ruleVersion.create({ data: { ...data, ruleSetId, author: input.author, status: 'draft' } });
    await recordAudit(tx, {
      actor: input.author,
      action: 'ruleVersion.saveDraft',
      entityType: 'RuleVersion',
      entityId: created.id,
      after: {
        ruleSet: input.ruleSetKey,
        sourceHash: created.sourceHash,
        diagnostics: a.diagnostics.length,
        changeNote: created.changeNote,
      },
    });
    return { ruleVersion: created, diagnostics: a.diagnostics, created: true };
  });
}

export interface PublishInput {
  ruleVersionId: string;
  actor: string;
  /** Retire the published versions whose windows overlap (used by rollback). */
  retireOverlapping?: boolean;
}

export interface PublishResult {
  ruleVersion: RuleVersion;
  /** Versions retired to make room (only with retireOverlapping). */
  retired: RuleVersion[];
}

export async function publishRuleVersion(db: EngineDb, input: PublishInput, options: LifecycleOptions = {}): Promise<PublishResult> {
  const language = options.language ?? (await defaultRulesLanguage());
  const draft = await db.prisma.ruleVersion.findUnique({ where: { id: input.ruleVersionId }, include: { ruleSet: true } });
  if (!draft) throw new RuleVersionNotFoundError(input.ruleVersionId);
  if (draft.status !== 'draft') throw new NotADraftError(draft.id, draft.status, draft.version);

  const vocabulary = await loadVocabulary(db.sql);
  const snapshot = taxonomySnapshot(vocabulary);
  const compiled = language.compile(draft.source, undefined, vocabulary);
  if (!compiled.ok || hasErrors(compiled.diagnostics)) throw new RulesInvalidError(compiled.diagnostics);
  const program = compiled.rules;
  if (program.header.ruleSet !== draft.ruleSet.key) throw new RuleSetMismatchError(program.header.ruleSet, draft.ruleSet.key);
  const tests = await language.runTests(draft.source, undefined, vocabulary);
  if (hasErrors(tests.diagnostics)) throw new RulesInvalidError(tests.diagnostics, 'the in-file tests');
  if (tests.results.length === 0) throw new NoTestsError();
  const failures = failedTests(tests.results);
  if (!tests.ok || failures.length) throw new TestsFailedError(failures.length ? failures : [{ name: '(unnamed)' }], tests.results);

  const window = { effectiveFrom: headerDate(program.header.effectiveFrom), effectiveTo: headerDate(program.header.effectiveTo) };
  if (window.effectiveFrom && window.effectiveTo && window.effectiveFrom > window.effectiveTo) {
    throw new RulesInvalidError(
      [
        {
          code: 'EFFECTIVE_WINDOW_EMPTY',
          severity: 'error',
          message: `effective window ends (${window.effectiveTo}) before it starts (${window.effectiveFrom})`,
        },
      ],
      'the header',
    );
  }

  return db.prisma.$transaction(async (tx) => {
    // Serialise publications within the rule set (numbering and overlap).
    await tx.$queryRawUnsafe('SELECT id FROM rule_set WHERE id = $1::uuid FOR UPDATE', draft.ruleSetId);
    const current = await tx.ruleVersion.findUnique({ where: { id: draft.id } });
    if (current?.status !== 'draft') throw new NotADraftError(draft.id, current?.status ?? 'deleted', current?.version ?? null);
    const published = await tx.ruleVersion.findMany({
      where: { ruleSetId: draft.ruleSetId, status: 'published' },
      orderBy: { version: 'asc' },
    });
    const overlapping = published.filter((v) => windowsOverlap(window, windowOf(v)));
    const retired: RuleVersion[] = [];
    if (overlapping.length && !input.retireOverlapping) {
      const c = overlapping[0]!;
      throw new EffectiveWindowOverlapError(draft.ruleSet.key, window, { ruleVersionId: c.id, version: c.version, ...windowOf(c) });
    }
    for (const v of overlapping)
      retired.push(await retireInTx(tx, v, input.actor, `replaced by a publication of rule set ${draft.ruleSet.key}`));
    const max = await tx.ruleVersion.aggregate({ where: { ruleSetId: draft.ruleSetId }, _max: { version: true } });
    const version = (max._max.version ?? 0) + 1;
    const ruleVersion = await tx.ruleVersion.update({
      where: { id: draft.id },
      data: {
        status: 'published',
        version,
        sourceHash: program.sourceHash || draft.sourceHash,
        semanticHash: program.semanticHash ?? null,
        diagnostics: toJson(compiled.diagnostics),
        testResults: toJson(tests),
        effectiveFrom: dateOrNull(window.effectiveFrom),
        effectiveTo: dateOrNull(window.effectiveTo),
        taxonomy: toJson(snapshot.entries),
        taxonomyHash: snapshot.hash,
        publishedBy: input.actor,
        publishedAt: new Date(),
      },
    });
    await recordAudit(tx, {
      actor: input.actor,
      action: 'ruleVersion.publish',
      entityType: 'RuleVersion',
      entityId: ruleVersion.id,
      before: { status: 'draft' },
      after: {
        ruleSet: draft.ruleSet.key,
        version,
        sourceHash: ruleVersion.sourceHash,
        taxonomyHash: snapshot.hash,
        ...window,
        retired: retired.map((r) => r.version),
      },
    });
    return { ruleVersion, retired };
  });
}

export async function retireRuleVersion(
  db: EngineDb,
  input: { ruleVersionId: string; actor: string; reason?: string },
): Promise<RuleVersion> {
  return db.prisma.$transaction(async (tx) => {
    const v = await tx.ruleVersion.findUnique({ where: { id: input.ruleVersionId } });
    if (!v) throw new RuleVersionNotFoundError(input.ruleVersionId);
    if (v.status !== 'published') throw new NotPublishedError(v.id, v.status);
    return retireInTx(tx, v, input.actor, input.reason);
  });
}

async function retireInTx(tx: Tx, v: RuleVersion, actor: string, reason?: string): Promise<RuleVersion> {
  const retired = await tx.ruleVersion.update({ where: { id: v.id }, data: { status: 'retired', retiredAt: new Date() } });
  await recordAudit(tx, {
    actor,
    action: 'ruleVersion.retire',
    entityType: 'RuleVersion',
    entityId: v.id,
    before: { status: v.status, version: v.version },
    after: { status: 'retired', reason: reason ?? null },
  });
  return retired;
}

/**
 * Rollback: publishes a new version whose content is that of `toVersion`,
 * retiring the published versions its window overlaps (all in audit).
 */
export async function rollbackRuleSet(
  db: EngineDb,
  input: { ruleSetKey: string; toVersion: number; actor: string; changeNote?: string },
  options: LifecycleOptions = {},
): Promise<PublishResult> {
  const ruleSet = await getRuleSet(db, input.ruleSetKey);
  const old = await db.prisma.ruleVersion.findUnique({ where: { ruleSetId_version: { ruleSetId: ruleSet.id, version: input.toVersion } } });
  if (!old) throw new RuleVersionNotFoundError(`version ${input.toVersion} of rule set "${input.ruleSetKey}"`);
  const { ruleVersion: draft } = await saveDraft(
    db,
    {
      ruleSetKey: input.ruleSetKey,
      source: old.source,
      author: input.actor,
      changeNote: input.changeNote ?? `rollback to version ${input.toVersion}`,
    },
    options,
  );
  return publishRuleVersion(db, { ruleVersionId: draft.id, actor: input.actor, retireOverlapping: true }, options);
}

/** Published versions of a rule set, by version number. */
export async function publishedVersions(db: EngineDb, ruleSetKey: string): Promise<RuleVersion[]> {
  const ruleSet = await getRuleSet(db, ruleSetKey);
  return db.prisma.ruleVersion.findMany({ where: { ruleSetId: ruleSet.id, status: 'published' }, orderBy: { version: 'asc' } });
}

export function windowOf(v: { effectiveFrom: Date | null; effectiveTo: Date | null }): EffectiveWindow {
  return {
    effectiveFrom: v.effectiveFrom ? v.effectiveFrom.toISOString().slice(0, 10) : null,
    effectiveTo: v.effectiveTo ? v.effectiveTo.toISOString().slice(0, 10) : null,
  };
}

/** Both windows are closed date ranges; null ends are open. */
export function windowsOverlap(a: EffectiveWindow, b: EffectiveWindow): boolean {
  const startsBeforeOtherEnds = (x: EffectiveWindow, y: EffectiveWindow) =>
    x.effectiveFrom === null || y.effectiveTo === null || x.effectiveFrom <= y.effectiveTo;
  return startsBeforeOtherEnds(a, b) && startsBeforeOtherEnds(b, a);
}

function hasErrors(diagnostics: readonly DiagnosticLike[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

function failedTests(results: readonly unknown[]): FailedTest[] {
  const failures: FailedTest[] = [];
  for (const r of results) {
    const t = r as {
      name?: unknown;
      ok?: unknown;
      passed?: unknown;
      status?: unknown;
      message?: unknown;
      error?: unknown;
      failures?: unknown;
    };
    const passed = t.ok ?? t.passed ?? (t.status === undefined ? undefined : t.status === 'passed' || t.status === 'pass');
    if (passed === false) {
      const listed = Array.isArray(t.failures) ? t.failures.filter((f): f is string => typeof f === 'string').join('; ') : '';
      const message = typeof t.message === 'string' ? t.message : typeof t.error === 'string' ? t.error : listed || undefined;
      failures.push({ name: typeof t.name === 'string' ? t.name : '(unnamed)', ...(message ? { message } : {}) });
    }
  }
  return failures;
}

function dateOrNull(day: string | null): Date | null {
  return day ? new Date(`${day}T00:00:00.000Z`) : null;
}

function toJson(value: unknown): Prisma.InputJsonValue {
  return JSON.parse(JSON.stringify(value ?? null)) as Prisma.InputJsonValue;
}

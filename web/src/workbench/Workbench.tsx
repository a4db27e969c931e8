// The rules workbench (governance and admin keys): open a rule set and its
// versions, edit a draft with live diagnostics, completion and hover (the
// language service of `attrib lsp`, in the browser), format, save, run the
// in-file tests, explain one opportunity, preview the impact against the
// credit in force (per lane, partner and channel, as `attrib plan` shows),
// publish with a change note (then run it), and diff any two versions.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { EditorView } from '@codemirror/view';
import { expectType } from '../client.js';
import { graphql } from '../gql/index.js';
import type { WebWorkbenchVersionsQuery, WebWorkbenchPreviewMutation } from '../gql/graphql.js';
import type { ViewProps } from '../types.js';
import { DateText } from '../ui/dates.js';
import { ErrorBox, Loaded, Loading, useLoad } from '../ui/load.js';
import { TableHead } from '../ui/table.js';
import { DEFAULT_VOCABULARY, Vocabulary, type TaxonomyEntry } from '../../../src/domain/taxonomy.js';
import type { Diagnostic } from '../../../src/dsl/diagnostics.js';
import { format } from '../../../src/dsl/language/service.js';
import { createRuleEditor, setText } from './editor.js';
import { diffLines } from './diff.js';
import './workbench.css';

const SetupQuery = graphql(`
  query WebWorkbenchSetup {
    ruleSets(first: 100) { nodes { id key name currentVersion { id version } } }
    taxonomy(includeRetired: true) { kind key label description active outcome position }
  }
`);

const VersionsQuery = graphql(`
  query WebWorkbenchVersions($key: String!) {
    ruleSet(key: $key) {
      id key name
      currentVersion { id version }
      versions(first: 100) {
        nodes {
          id version status source sourceHash semanticHash changeNote author createdAt publishedAt errorCount effectiveFrom effectiveTo
          testResults { ok passed failed total }
        }
      }
    }
  }
`);

const SaveDraftMutation = graphql(`
  mutation WebWorkbenchSave($input: SaveRuleDraftInput!) {
    saveRuleDraft(input: $input) {
      __typename
      ... on SaveRuleDraftPayload { ok created ruleVersion { id status } diagnostics { code severity message hint range { start { line column } } } }
      ... on UserError { code message }
    }
  }
`);

const TestMutation = graphql(`
  mutation WebWorkbenchTest($id: ID!) {
    testRuleVersion(input: { ruleVersionId: $id }) {
      __typename
      ... on TestRuleVersionPayload { results { ok passed failed total cases { name passed message } diagnostics { code severity message hint range { start { line column } } } } }
      ... on UserError { code message }
    }
  }
`);

const PreviewMutation = graphql(`
  mutation WebWorkbenchPreview($input: PreviewRuleVersionInput!) {
    previewRuleVersion(input: $input) {
      __typename
      ... on PreviewRuleVersionPayload {
        impact {
          asOf hasChanges
          opportunities { evaluated changed added unchanged }
          totals { before { source influence } after { source influence } delta { source influence } }
          partners { key before { source influence } after { source influence } delta { source influence } }
          channels { key before { source influence } after { source influence } delta { source influence } }
          examples { opportunityKey before after }
          changes(first: 20) { opportunityKey change before { partnerKey lane role share amount } after { partnerKey lane role share amount } }
        }
      }
      ... on UserError { code message }
    }
  }
`);

const ExplainQuery = graphql(`
  query WebWorkbenchCurrentCredit($ruleSetKey: String!, $opportunityKey: String!) {
    allocations(first: 20, filter: { ruleSetKey: $ruleSetKey, opportunityKey: $opportunityKey }) {
      nodes { id lane role share amount currency partner { key name } explanation { text } }
    }
  }
`);

const PublishMutation = graphql(`
  mutation WebWorkbenchPublish($id: ID!) {
    publishRuleVersion(input: { ruleVersionId: $id, retireOverlapping: true }) {
      __typename
      ... on PublishRuleVersionPayload { ruleVersion { id version status } retired { id version } }
      ... on UserError { code message }
    }
  }
`);

const RunMutation = graphql(`
  mutation WebWorkbenchRun($id: ID!) {
    startRun(input: { ruleVersionId: $id }) {
      __typename
      ... on StartRunPayload { run { id status opportunitiesTotal } }
      ... on UserError { code message }
    }
  }
`);

type Version = NonNullable<WebWorkbenchVersionsQuery['ruleSet']>['versions']['nodes'][number];
type Impact = Extract<WebWorkbenchPreviewMutation['previewRuleVersion'], { __typename?: 'PreviewRuleVersionPayload' }>['impact'];
type Lanes = { source: string; influence: string };

function vocabularyOf(
  entries: Array<{
    kind: string;
    key: string;
    label: string;
    description?: string | null;
    active: boolean;
    outcome?: string | null;
    position: number;
  }>,
): Vocabulary {
  if (entries.length === 0) return DEFAULT_VOCABULARY;
  return new Vocabulary(
    entries.map(
      (e): TaxonomyEntry => ({
        kind: e.kind.replace(/_/g, '-') as TaxonomyEntry['kind'],
        key: e.key,
        label: e.label,
        description: e.description ?? null,
        active: e.active,
        outcome: (e.outcome ?? null) as TaxonomyEntry['outcome'],
        position: e.position,
      }),
    ),
  );
}

const versionName = (v: Version) => (v.version !== null && v.version !== undefined ? `v${v.version}` : `draft ${v.id.slice(-6)}`);

export function Workbench({ client, route, navigate }: ViewProps) {
  const setup = useLoad(() => client.request(SetupQuery), [client]);
  const selected = route.segments[1] ?? null;
  return (
    <section aria-labelledby="workbench-title" className="workbench">
      <h1 id="workbench-title">Rules workbench</h1>
      <Loaded value={setup} what="rule sets">
        {(data) => {
          const sets = data.ruleSets.nodes;
          const key = selected ?? sets[0]?.key ?? null;
          return (
            <>
              <div className="wb-toolbar">
                <label>
                  Rule set{' '}
                  <select value={key ?? ''} onChange={(e) => navigate(`/workbench/${encodeURIComponent(e.target.value)}`)}>
                    {sets.map((s) => (
                      <option key={s.key} value={s.key}>
                        {s.name} ({s.key})
                      </option>
                    ))}
                  </select>
                </label>
              </div>
              {key === null ? (
                <p>
                  No rule set yet: create one with <code>attrib</code> or the <code>createRuleSet</code> mutation.
                </p>
              ) : (
                <RuleSetWorkbench key={key} client={client} ruleSetKey={key} vocabulary={vocabularyOf(data.taxonomy)} />
              )}
            </>
          );
        }}
      </Loaded>
    </section>
  );
}

type Busy = null | 'save' | 'test' | 'preview' | 'publish' | 'explain';

function RuleSetWorkbench({ client, ruleSetKey, vocabulary }: { client: ViewProps['client']; ruleSetKey: string; vocabulary: Vocabulary }) {
  const versions = useLoad(() => client.request(VersionsQuery, { key: ruleSetKey }), [client, ruleSetKey]);
  const [openId, setOpenId] = useState<string | null>(null);
  // A new editor only when a version is opened from the history (saving a draft keeps the editor and its results).
  const [opened, setOpened] = useState(0);
  const list = versions.data?.ruleSet?.versions.nodes ?? [];
  const current = versions.data?.ruleSet?.currentVersion?.id ?? null;
  // Open the newest draft, else the version in force, else the newest.
  useEffect(() => {
    if (openId !== null || list.length === 0) return;
    const draft = list.find((v) => v.status === 'draft');
    setOpenId((draft ?? list.find((v) => v.id === current) ?? list[0]!).id);
  }, [list, current, openId]);
  const open = list.find((v) => v.id === openId) ?? null;

  if (versions.state === 'error') return <ErrorBox error={versions.error} retry={versions.reload} />;
  if (versions.data === undefined) return <Loading what="versions" />;
  if (versions.data.ruleSet === null || versions.data.ruleSet === undefined) return <p role="alert">No rule set with key {ruleSetKey}.</p>;
  return (
    <div className="wb-grid">
      <div className="wb-main">
        {open ? (
          <DraftEditor
            key={`${open.id}:${opened}`}
            client={client}
            ruleSetKey={ruleSetKey}
            version={open}
            vocabulary={vocabulary}
            onSaved={versions.reload}
          />
        ) : (
          <Loading what="the version" />
        )}
      </div>
      <aside className="wb-side">
        <VersionHistory
          versions={list}
          currentId={current}
          openId={openId}
          onOpen={(id) => {
            setOpenId(id);
            setOpened((n) => n + 1);
          }}
        />
      </aside>
    </div>
  );
}

function DraftEditor({
  client,
  ruleSetKey,
  version,
  vocabulary,
  onSaved,
}: {
  client: ViewProps['client'];
  ruleSetKey: string;
  version: Version;
  vocabulary: Vocabulary;
  onSaved: () => void;
}) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const vocabRef = useRef(vocabulary);
  vocabRef.current = vocabulary;
  const [text, setTextState] = useState(version.source);
  const [checked, setDiagnostics] = useState<Diagnostic[] | null>(null);
  const diagnostics = checked ?? [];
  const [savedId, setSavedId] = useState<string | null>(version.status === 'draft' ? version.id : null);
  const [savedText, setSavedText] = useState<string | null>(version.status === 'draft' ? version.source : null);
  const [busy, setBusy] = useState<Busy>(null);
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const [tests, setTests] = useState<null | {
    ok: boolean;
    passed: number;
    failed: number;
    total: number;
    cases: Array<{ name: string; passed: boolean; message?: string | null }>;
  }>(null);
  const [impact, setImpact] = useState<Impact | null>(null);
  const [changeNote, setChangeNote] = useState('');
  const [oppKey, setOppKey] = useState('');
  const [explained, setExplained] = useState<null | {
    key: string;
    before: string | null;
    after: string | null;
    current: Array<{ partner: string; lane: string; role: string; share: string; amount: string; text: string }>;
  }>(null);

  useEffect(() => {
    if (!host.current) return;
    const v = createRuleEditor(host.current, {
      doc: version.source,
      vocabulary: () => vocabRef.current,
      onChange: setTextState,
      onDiagnostics: setDiagnostics,
    });
    view.current = v;
    return () => {
      v.destroy();
      view.current = null;
    };
  }, [version.id, version.source]);

  const errors = diagnostics.filter((d) => d.severity === 'error');
  const dirty = text !== (savedText ?? version.source);

  const fail = (err: unknown) => setMessage({ kind: 'error', text: err instanceof Error ? err.message : String(err) });

  /** Saves the text as a draft (a new draft when a published version is open) and returns its id. */
  const save = useCallback(
    async (note?: string): Promise<string> => {
      if (savedId !== null && !dirty && note === undefined) return savedId;
      const input = { ruleSetKey, source: text, ...(savedId ? { ruleVersionId: savedId } : {}), ...(note ? { changeNote: note } : {}) };
      const r = expectType((await client.request(SaveDraftMutation, { input })).saveRuleDraft, 'SaveRuleDraftPayload');
      setSavedId(r.ruleVersion.id);
      setSavedText(text);
      onSaved();
      return r.ruleVersion.id;
    },
    [client, ruleSetKey, text, savedId, dirty, onSaved],
  );

  const act = async (what: Busy, work: () => Promise<void>) => {
    setBusy(what);
    setMessage(null);
    try {
      await work();
    } catch (err) {
      fail(err);
    } finally {
      setBusy(null);
    }
  };

  const onFormat = () => {
    const f = format(text);
    if (f.text === null) {
      setMessage({ kind: 'error', text: 'Not formatted: fix the syntax errors first.' });
      return;
    }
    if (view.current && f.text !== text) setText(view.current, f.text);
    setMessage({ kind: 'ok', text: f.text === text ? 'Already formatted.' : 'Formatted.' });
  };

  const onSave = () =>
    act('save', async () => {
      await save();
      setMessage({ kind: 'ok', text: 'Draft saved.' });
    });

  const onTest = () =>
    act('test', async () => {
      const id = await save();
      const r = expectType((await client.request(TestMutation, { id })).testRuleVersion, 'TestRuleVersionPayload').results;
      setTests(r);
      setMessage({
        kind: r.ok ? 'ok' : 'error',
        text: r.total === 0 ? 'The file has no tests.' : `${r.passed} of ${r.total} tests passed.`,
      });
    });

  const onPreview = () =>
    act('preview', async () => {
      const id = await save();
      const r = expectType(
        (await client.request(PreviewMutation, { input: { ruleVersionId: id, examples: 3, ignoreEffectiveWindow: true } }))
          .previewRuleVersion,
        'PreviewRuleVersionPayload',
      );
      setImpact(r.impact);
      setMessage({
        kind: 'ok',
        text: r.impact.hasChanges
          ? `${r.impact.opportunities.changed + r.impact.opportunities.added} opportunities would change.`
          : 'No credit would change.',
      });
    });

  const onExplain = () =>
    act('explain', async () => {
      const key = oppKey.trim();
      if (!key) throw new Error('Enter an opportunity key, e.g. OPP-0000001.');
      const id = await save();
      const [preview, currentCredit] = await Promise.all([
        client.request(PreviewMutation, {
          input: { ruleVersionId: id, examples: 1, ignoreEffectiveWindow: true, scope: { opportunityKeys: [key] } },
        }),
        client.request(ExplainQuery, { ruleSetKey, opportunityKey: key }),
      ]);
      const impactOne = expectType(preview.previewRuleVersion, 'PreviewRuleVersionPayload').impact;
      if (impactOne.opportunities.evaluated === 0) throw new Error(`No opportunity with key ${key}.`);
      const ex = impactOne.examples.find((e) => e.opportunityKey === key) ?? null;
      setExplained({
        key,
        before: ex?.before ?? null,
        after: ex?.after ?? null,
        current: currentCredit.allocations.nodes.map((a) => ({
          partner: a.partner?.name ?? a.partner?.key ?? '—',
          lane: a.lane,
          role: a.role,
          share: a.share,
          amount: `${a.amount} ${a.currency}`,
          text: a.explanation.text,
        })),
      });
    });

  const onPublish = () =>
    act('publish', async () => {
      const note = changeNote.trim();
      if (!note) throw new Error('Write a change note: what changes and why.');
      const id = await save(note);
      const p = expectType((await client.request(PublishMutation, { id })).publishRuleVersion, 'PublishRuleVersionPayload');
      const run = expectType((await client.request(RunMutation, { id: p.ruleVersion.id })).startRun, 'StartRunPayload');
      setMessage({
        kind: 'ok',
        text: `Published as version ${p.ruleVersion.version}; run ${run.run.status} over ${run.run.opportunitiesTotal} opportunities.`,
      });
      setChangeNote('');
      // The published version is frozen: further edits go to a new draft.
      setSavedId(null);
      setSavedText(null);
      onSaved();
    });

  const readOnlyNote =
    version.status !== 'draft' && savedId === null ? (
      <p className="muted">
        This is {version.status} {versionName(version)}: editing it and saving creates a new draft.
      </p>
    ) : null;

  return (
    <div>
      <h2>
        {savedId !== null && savedId !== version.id ? `New draft (from ${versionName(version)})` : versionName(version)}{' '}
        <span className={`wb-status wb-status-${savedId !== null ? 'draft' : version.status}`}>
          {savedId !== null ? 'draft' : version.status}
        </span>
      </h2>
      {readOnlyNote}
      <div className="wb-actions" role="toolbar" aria-label="Draft actions">
        <button type="button" onClick={onFormat} disabled={busy !== null}>
          Format
        </button>
        <button type="button" onClick={onSave} disabled={busy !== null}>
          {busy === 'save' ? 'Saving…' : 'Save draft'}
        </button>
        <button type="button" onClick={onTest} disabled={busy !== null || errors.length > 0}>
          {busy === 'test' ? 'Testing…' : 'Run tests'}
        </button>
        <button type="button" onClick={onPreview} disabled={busy !== null || errors.length > 0}>
          {busy === 'preview' ? 'Previewing…' : 'Preview impact'}
        </button>
        <span className="muted" aria-live="polite">
          {dirty ? 'Unsaved changes' : savedId ? 'Saved' : ''}
        </span>
      </div>
      <div ref={host} className="wb-editor" />
      <section aria-labelledby="wb-problems">
        <h3 id="wb-problems">
          Problems ({errors.length} {errors.length === 1 ? 'error' : 'errors'}, {diagnostics.length - errors.length} other)
        </h3>
        {checked === null && (
          <p className="muted" role="status">
            Checking…
          </p>
        )}
        {checked !== null && errors.length === 0 && (
          <p className="wb-clean" role="status">
            No errors: the file checks clean.
          </p>
        )}
        {diagnostics.length > 0 && (
          <ul className="wb-diagnostics" aria-live="polite">
            {diagnostics.map((d, i) => (
              <li key={i} className={`wb-d-${d.severity}`} data-line={d.range.start.line}>
                <button
                  type="button"
                  className="linklike"
                  onClick={() => {
                    view.current?.dispatch({ selection: { anchor: d.range.start.offset }, scrollIntoView: true });
                    view.current?.focus();
                  }}
                  aria-label={`Go to line ${d.range.start.line}, column ${d.range.start.column}`}
                >
                  {d.range.start.line}:{d.range.start.column}
                </button>{' '}
                <strong>{d.severity}</strong> [{d.code}] {d.message}
                {d.hint && <div className="wb-hint">hint: {d.hint}</div>}
              </li>
            ))}
          </ul>
        )}
      </section>
      {message && (
        <p className={message.kind === 'error' ? 'error' : 'wb-ok'} role={message.kind === 'error' ? 'alert' : 'status'}>
          {message.text}
        </p>
      )}
      {tests && (
        <section aria-labelledby="wb-tests">
          <h3 id="wb-tests">
            In-file tests: {tests.passed} passed, {tests.failed} failed
          </h3>
          <ul className="wb-tests">
            {tests.cases.map((c) => (
              <li key={c.name} className={c.passed ? 'wb-pass' : 'wb-fail'}>
                {c.passed ? '✓' : '✗'} {c.name}
                {c.message ? `: ${c.message}` : ''}
              </li>
            ))}
          </ul>
        </section>
      )}
      {impact && <ImpactView impact={impact} />}
      <section aria-labelledby="wb-explain">
        <h3 id="wb-explain">Explain one opportunity</h3>
        <form
          className="wb-inline"
          onSubmit={(e) => {
            e.preventDefault();
            void onExplain();
          }}
        >
          <label>
            Opportunity key <input value={oppKey} onChange={(e) => setOppKey(e.target.value)} placeholder="OPP-0000001" />
          </label>
          <button type="submit" disabled={busy !== null || errors.length > 0}>
            {busy === 'explain' ? 'Explaining…' : 'Explain'}
          </button>
        </form>
        {explained && (
          <div className="wb-explained">
            {explained.after !== null ? (
              <div className="wb-two">
                <div>
                  <h4>With this draft</h4>
                  <pre aria-label={`${explained.key} with this draft`}>{explained.after}</pre>
                </div>
                <div>
                  <h4>In force now</h4>
                  <pre aria-label={`${explained.key} in force now`}>{explained.before}</pre>
                </div>
              </div>
            ) : (
              <p>This draft gives {explained.key} the same credit as the rules in force:</p>
            )}
            {explained.after === null &&
              (explained.current.length === 0 ? (
                <p className="muted">No partner credit on this opportunity.</p>
              ) : (
                explained.current.map((a, i) => (
                  <pre key={i}>{`${a.partner} — ${a.lane} ${a.role} ${a.share} (${a.amount})\n${a.text}`}</pre>
                ))
              ))}
          </div>
        )}
      </section>
      <section aria-labelledby="wb-publish">
        <h3 id="wb-publish">Publish</h3>
        <form
          className="wb-publish"
          onSubmit={(e) => {
            e.preventDefault();
            void onPublish();
          }}
        >
          <label htmlFor="wb-note">Change note</label>
          <textarea
            id="wb-note"
            rows={2}
            value={changeNote}
            onChange={(e) => setChangeNote(e.target.value)}
            placeholder="What changes, and why"
          />
          <button type="submit" disabled={busy !== null || errors.length > 0}>
            {busy === 'publish' ? 'Publishing…' : 'Publish and run'}
          </button>
        </form>
      </section>
    </div>
  );
}

function LaneCells({ v }: { v: Lanes }) {
  return (
    <>
      <td className="num">{v.source}</td>
      <td className="num">{v.influence}</td>
    </>
  );
}

const MOVED_COLUMNS = ['Key', 'Source before', 'Influence before', 'Source after', 'Influence after', 'Source Δ', 'Influence Δ'];

function Moved({ title, rows }: { title: string; rows: Impact['partners'] }) {
  if (rows.length === 0) return null;
  return (
    <table className="wb-table">
      <caption>{title}</caption>
      <TableHead columns={MOVED_COLUMNS} />
      <tbody>
        {rows.map((r) => (
          <tr key={r.key}>
            <th scope="row">{r.key}</th>
            <LaneCells v={r.before} />
            <LaneCells v={r.after} />
            <LaneCells v={r.delta} />
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function ImpactView({ impact }: { impact: Impact }) {
  const o = impact.opportunities;
  return (
    <section aria-labelledby="wb-impact" className="wb-impact">
      <h3 id="wb-impact">
        Impact against the credit in force (as of <DateText value={impact.asOf} />)
      </h3>
      <p>
        {o.evaluated} opportunities evaluated: {o.changed} changed, {o.added} gain credit, {o.unchanged} unchanged.
      </p>
      <table className="wb-table">
        <caption>Per lane</caption>
        <TableHead columns={['Lane', 'Before', 'After', 'Change']} />
        <tbody>
          {(['source', 'influence'] as const).map((l) => (
            <tr key={l}>
              <th scope="row">{l}</th>
              <td className="num">{impact.totals.before[l]}</td>
              <td className="num">{impact.totals.after[l]}</td>
              <td className="num">{impact.totals.delta[l]}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <Moved title="Per partner" rows={impact.partners} />
      <Moved title="Per channel" rows={impact.channels} />
      {impact.examples.length > 0 && (
        <details>
          <summary>Examples ({impact.examples.length})</summary>
          {impact.examples.map((e) => (
            <div key={e.opportunityKey} className="wb-two">
              <div>
                <h4>{e.opportunityKey} now</h4>
                <pre>{e.before}</pre>
              </div>
              <div>
                <h4>{e.opportunityKey} with this draft</h4>
                <pre>{e.after}</pre>
              </div>
            </div>
          ))}
        </details>
      )}
    </section>
  );
}

function VersionHistory({
  versions,
  currentId,
  openId,
  onOpen,
}: {
  versions: Version[];
  currentId: string | null;
  openId: string | null;
  onOpen: (id: string) => void;
}) {
  const [a, setA] = useState<string>('');
  const [b, setB] = useState<string>('');
  const byId = useMemo(() => new Map(versions.map((v) => [v.id, v])), [versions]);
  useEffect(() => {
    if (versions.length >= 2 && a === '' && b === '') {
      setA(versions[1]!.id);
      setB(versions[0]!.id);
    }
  }, [versions, a, b]);
  const from = byId.get(a);
  const to = byId.get(b);
  const diff = from && to ? diffLines(from.source, to.source) : null;
  return (
    <section aria-labelledby="wb-history">
      <h2 id="wb-history">Version history</h2>
      <ol className="wb-versions">
        {versions.map((v) => (
          <li key={v.id} aria-current={v.id === openId ? 'true' : undefined}>
            <button type="button" className="linklike" onClick={() => onOpen(v.id)} aria-label={`Open ${versionName(v)}`}>
              {versionName(v)}
            </button>{' '}
            <span className={`wb-status wb-status-${v.status}`}>{v.status}</span>
            {v.id === currentId && <span className="wb-status wb-status-current">in force</span>}
            <div className="muted small">
              <DateText value={v.publishedAt ?? v.createdAt} /> · {v.author} · <code title={v.sourceHash}>{v.sourceHash.slice(0, 10)}</code>
              {v.errorCount > 0 && <> · {v.errorCount} errors</>}
              {v.testResults && (
                <>
                  {' '}
                  · tests {v.testResults.passed}/{v.testResults.total}
                </>
              )}
            </div>
            {v.changeNote && <div className="small">{v.changeNote}</div>}
          </li>
        ))}
      </ol>
      {versions.length >= 2 && (
        <div className="wb-diff">
          <h3>Compare versions</h3>
          <div className="wb-inline">
            <VersionSelect label="From" ariaLabel="Compare from version" versions={versions} value={a} onChange={setA} />
            <VersionSelect label="To" ariaLabel="Compare to version" versions={versions} value={b} onChange={setB} />
          </div>
          {diff &&
            (diff.every((l) => l.kind === 'same') ? (
              <p className="muted">The two versions have the same text.</p>
            ) : (
              <pre className="wb-diff-lines" aria-label={`Differences from ${from && versionName(from)} to ${to && versionName(to)}`}>
                {diff
                  .filter((l, i) => l.kind !== 'same' || diff.slice(Math.max(0, i - 2), i + 3).some((x) => x.kind !== 'same'))
                  .map((l, i) => (
                    <div key={i} className={`wb-diff-${l.kind}`}>
                      {l.kind === 'added' ? '+ ' : l.kind === 'removed' ? '- ' : '  '}
                      {l.text}
                    </div>
                  ))}
              </pre>
            ))}
        </div>
      )}
    </section>
  );
}

function VersionSelect({
  label,
  ariaLabel,
  versions,
  value,
  onChange,
}: {
  label: string;
  ariaLabel: string;
  versions: Version[];
  value: string;
  onChange: (id: string) => void;
}) {
  return (
    <label>
      {label}{' '}
      <select aria-label={ariaLabel} value={value} onChange={(e) => onChange(e.target.value)}>
        {versions.map((v) => (
          <option key={v.id} value={v.id}>
            {versionName(v)}
          </option>
        ))}
      </select>
    </label>
  );
}

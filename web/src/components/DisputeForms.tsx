// Raising a dispute about a credit line (raiseDispute) and deciding one
// (resolveDispute, governance and admin keys). The forms say what happened.
import { useState, type FormEvent } from 'react';
import type { GraphQLClient } from '../client.js';
import { expectType } from '../client.js';
import { graphql } from '../gql/index.js';
import type { Lane } from '../gql/graphql.js';

const RaiseDisputeMutation = graphql(`
  mutation WebRaiseDispute($input: RaiseDisputeInput!) {
    raiseDispute(input: $input) {
      __typename
      ... on DisputePayload { dispute { id status reason createdAt } }
      ... on UserError { code message }
    }
  }
`);

const ResolveDisputeMutation = graphql(`
  mutation WebResolveDispute($input: ResolveDisputeInput!) {
    resolveDispute(input: $input) {
      __typename
      ... on ResolveDisputePayload { dispute { id status resolution resolvedAt } override { id lane role share } }
      ... on UserError { code message }
    }
  }
`);

let formIds = 0;
function useFormId(prefix: string): string {
  const [id] = useState(() => `${prefix}-${++formIds}`);
  return id;
}

/** A dispute form's state: open or closed, sending, the notice of what was done, the error of a refused request. */
interface DisputeFormState {
  open: boolean;
  setOpen: (open: boolean) => void;
  busy: boolean;
  done: string | null;
  error: string | null;
  /** The form's submit handler: runs `send`, which returns the notice to show once the form closes. */
  submit: (send: () => Promise<string>) => (e: FormEvent) => void;
}

function useDisputeForm(): DisputeFormState {
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const submit = (send: () => Promise<string>) => (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    send()
      .then((notice) => {
        setDone(notice);
        setOpen(false);
      })
      .catch((err: unknown) => setError((err as Error).message))
      .finally(() => setBusy(false));
  };
  return { open, setOpen, busy, done, error, submit };
}

/** A closed form: what was done, or the button that opens it. */
function Closed({ form, action }: { form: DisputeFormState; action: string }) {
  return (
    <div>
      {form.done !== null ? (
        <p className="notice" role="status">
          {form.done}
        </p>
      ) : (
        <button type="button" onClick={() => form.setOpen(true)}>
          {action}
        </button>
      )}
    </div>
  );
}

/** The error of a refused request, then submit and cancel. */
function Footer({ form, ready, action, busyText }: { form: DisputeFormState; ready: boolean; action: string; busyText: string }) {
  return (
    <>
      {form.error !== null && (
        <div className="error" role="alert">
          {form.error}
        </div>
      )}
      <div className="toolbar">
        <button type="submit" className="primary" disabled={form.busy || !ready}>
          {form.busy ? busyText : action}
        </button>
        <button type="button" onClick={() => form.setOpen(false)} disabled={form.busy}>
          Cancel
        </button>
      </div>
    </>
  );
}

/** "Dispute this credit": the reason, evidence and (optionally) the credit asked for. */
export function RaiseDisputeForm({
  client,
  allocationId,
  lane,
  onDone,
}: {
  client: GraphQLClient;
  allocationId: string;
  lane?: Lane;
  onDone?: (disputeId: string) => void;
}) {
  const id = useFormId('raise');
  const form = useDisputeForm();
  const [reason, setReason] = useState('');
  const [evidence, setEvidence] = useState('');
  const [share, setShare] = useState('');
  const [role, setRole] = useState('');

  if (!form.open) return <Closed form={form} action="Dispute this credit" />;
  const submit = form.submit(async () => {
    const requested = share.trim() && lane ? { lane, role: role.trim() || 'disputed_claim', share: share.trim() } : undefined;
    const r = await client.request(RaiseDisputeMutation, {
      input: { allocationId, reason: reason.trim(), evidence: evidence.trim() || undefined, requested },
    });
    const ok = expectType(r.raiseDispute, 'DisputePayload');
    onDone?.(ok.dispute.id);
    return 'Dispute raised (open). Governance reviews it; you see its status under your disputes.';
  });
  return (
    <form className="card" onSubmit={submit} aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>Dispute this credit</h3>
      <div className="filters">
        <div style={{ flex: '1 1 20rem' }}>
          <label htmlFor={`${id}-reason`}>Reason (required)</label>
          <textarea id={`${id}-reason`} required value={reason} onChange={(e) => setReason(e.target.value)} />
        </div>
        <div style={{ flex: '1 1 20rem' }}>
          <label htmlFor={`${id}-evidence`}>Evidence (links, references)</label>
          <textarea id={`${id}-evidence`} value={evidence} onChange={(e) => setEvidence(e.target.value)} />
        </div>
      </div>
      {lane && (
        <div className="filters">
          <div>
            <label htmlFor={`${id}-share`}>Share asked for in the {lane} lane (optional, e.g. 0.5)</label>
            <input
              id={`${id}-share`}
              inputMode="decimal"
              pattern="^(0(\.\d{1,6})?|1(\.0{1,6})?)$"
              value={share}
              onChange={(e) => setShare(e.target.value)}
            />
          </div>
          <div>
            <label htmlFor={`${id}-role`}>Role asked for (optional)</label>
            <input id={`${id}-role`} value={role} onChange={(e) => setRole(e.target.value)} placeholder="e.g. sourced" />
          </div>
        </div>
      )}
      <Footer form={form} ready={reason.trim() !== ''} action="Raise dispute" busyText="Sending…" />
    </form>
  );
}

/** Approve (with the credit to impose) or reject an open dispute. */
export function ResolveDisputeForm({
  client,
  disputeId,
  requested,
  onDone,
}: {
  client: GraphQLClient;
  disputeId: string;
  requested?: { lane: Lane; role: string; share: string } | null;
  onDone?: () => void;
}) {
  const id = useFormId('resolve');
  const form = useDisputeForm();
  const [decision, setDecision] = useState<'approved' | 'rejected'>('rejected');
  const [resolution, setResolution] = useState('');
  const [lane, setLane] = useState<Lane>(requested?.lane ?? 'source');
  const [role, setRole] = useState(requested?.role ?? '');
  const [share, setShare] = useState(requested?.share ?? '');

  if (!form.open) return <Closed form={form} action="Resolve dispute" />;
  const submit = form.submit(async () => {
    const override = decision === 'approved' && share.trim() ? { lane, role: role.trim(), share: share.trim() } : undefined;
    const r = await client.request(ResolveDisputeMutation, { input: { disputeId, decision, resolution: resolution.trim(), override } });
    const ok = expectType(r.resolveDispute, 'ResolveDisputePayload');
    onDone?.();
    return `Dispute ${ok.dispute.status}.`;
  });
  return (
    <form className="card" onSubmit={submit} aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>Resolve dispute</h3>
      <fieldset>
        <legend>Decision</legend>
        <label>
          <input type="radio" name={`${id}-decision`} checked={decision === 'rejected'} onChange={() => setDecision('rejected')} /> Reject
          (credit stays as the rules give it)
        </label>{' '}
        <label>
          <input type="radio" name={`${id}-decision`} checked={decision === 'approved'} onChange={() => setDecision('approved')} /> Approve
          (an override replaces the credit)
        </label>
      </fieldset>
      {decision === 'approved' && (
        <div className="filters">
          <div>
            <label htmlFor={`${id}-lane`}>Lane</label>
            <select id={`${id}-lane`} value={lane} onChange={(e) => setLane(e.target.value as Lane)}>
              <option value="source">source</option>
              <option value="influence">influence</option>
            </select>
          </div>
          <div>
            <label htmlFor={`${id}-role`}>Role</label>
            <input id={`${id}-role`} required value={role} onChange={(e) => setRole(e.target.value)} />
          </div>
          <div>
            <label htmlFor={`${id}-share`}>Share (0–1)</label>
            <input id={`${id}-share`} required inputMode="decimal" value={share} onChange={(e) => setShare(e.target.value)} />
          </div>
        </div>
      )}
      <label htmlFor={`${id}-resolution`}>Resolution (required: what was decided and why)</label>
      <textarea id={`${id}-resolution`} required value={resolution} onChange={(e) => setResolution(e.target.value)} />
      <Footer form={form} ready={resolution.trim() !== ''} action="Save decision" busyText="Saving…" />
    </form>
  );
}

// A credit's explanation in plain language: the deciding rule, the touches
// that counted and why, and (folded) the touches that did not count.
export interface ExplanationData {
  rule: string;
  laneRule?: string | null | undefined;
  laneGrantedShare?: string | null | undefined;
  steps: Array<{ kind: string; message: string }>;
  excluded: Array<{ kind: string; message: string }>;
}

const KIND_LABELS: Record<string, string> = {
  rule: 'Rule',
  included: 'Counted',
  weight: 'Weight',
  cap: 'Cap',
  floor: 'Floor',
  rounding: 'Rounding',
  override: 'Override',
  note: 'Note',
  excluded: 'Not counted',
};

export function Explanation({ explanation: e }: { explanation: ExplanationData }) {
  return (
    <div className="explanation" data-testid="explanation">
      <p>
        Decided by the rule <strong>“{e.laneRule ?? e.rule}”</strong>
        {e.laneGrantedShare ? <>, which grants {grant(e.laneGrantedShare)} of the lane</> : null}.
      </p>
      <ol className="steps">
        {e.steps.map((s, i) => (
          <li key={i}>
            <span className="badge">{KIND_LABELS[s.kind] ?? s.kind}</span> {s.message}
          </li>
        ))}
      </ol>
      {e.excluded.length > 0 && (
        <details>
          <summary>
            {e.excluded.length} touch{e.excluded.length === 1 ? '' : 'es'} did not count
          </summary>
          <ul className="steps">
            {e.excluded.map((s, i) => (
              <li key={i}>{s.message}</li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}

function grant(share: string): string {
  return new Intl.NumberFormat(undefined, { style: 'percent', maximumFractionDigits: 2 }).format(share as `${number}`);
}

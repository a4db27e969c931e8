// A rule version as people cite it, in text and in a table cell.
/** A rule version as people cite it: v3 · 1a2b3c4d (full hash on hover). */
export function RuleVersionBadge({ number, sourceHash }: { number: number | null | undefined; sourceHash: string }) {
  return (
    <span
      className="badge"
      title={`rule version ${number ?? 'draft'}, source hash ${sourceHash}`}
      data-rule-version={number ?? ''}
      data-source-hash={sourceHash}
    >
      v{number ?? '?'} · {sourceHash.slice(0, 8)}
    </span>
  );
}

/** A table cell with the rule version a figure comes from. */
export function RuleVersionCell({ number, sourceHash }: { number: number | null | undefined; sourceHash: string }) {
  return (
    <td>
      <RuleVersionBadge number={number} sourceHash={sourceHash} />
    </td>
  );
}

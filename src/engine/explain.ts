// Plain-text explanations of stored allocations (what `attrib plan` examples
// and exports show) — built from the explanation JSON each row carries.
import type { ExplanationStep } from '../domain/attribution.js';
import type { Lane } from '../domain/enums.js';
import { parseShare } from '../domain/decimal.js';
import { percent } from './overrides.js';
import type { AllocationExplanation } from './allocations.js';

export interface StoredAllocation {
  lane: Lane;
  partner: string | null;
  role: string;
  share: string;
  amount: string;
  explanation: AllocationExplanation | Record<string, never>;
  override_id?: string | null;
  rule_version_number?: number | null;
}

export function describeAllocations(rows: readonly StoredAllocation[]): string {
  if (rows.length === 0) return '  (no credit)';
  const lines: string[] = [];
  for (const r of rows) {
    const exp = r.explanation as Partial<AllocationExplanation>;
    lines.push(
      `  ${r.lane.padEnd(9)} ${(r.partner ?? '(no partner)').padEnd(18)} ${r.role.padEnd(14)} ${percent(parseShare(r.share)).padStart(8)}  ${r.amount}` +
        `${exp.rule ? `  [rule ${exp.rule}${r.rule_version_number ? ` v${r.rule_version_number}` : ''}]` : ''}`,
    );
    for (const step of (exp.steps ?? []) as ExplanationStep[]) lines.push(`      - ${step.message}`);
  }
  return lines.join('\n');
}

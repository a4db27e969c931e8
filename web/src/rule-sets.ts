// A rule set as the filter bars offer it: its name and the version in force.
import type { Option } from './ui/fields.js';

export interface RuleSetChoice {
  key: string;
  name: string;
  currentVersion?: { version?: number | null } | null;
}

/** "Name (v3)", or "Name (unpublished)" for a rule set with no version in force. */
export function ruleSetOptions(ruleSets: readonly RuleSetChoice[]): Array<Option<string>> {
  return ruleSets.map((r) => ({
    value: r.key,
    label: `${r.name}${r.currentVersion ? ` (v${r.currentVersion.version})` : ' (unpublished)'}`,
  }));
}

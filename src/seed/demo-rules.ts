// Demo methodology: on a freshly seeded demo database, publish the standard
// library's two-lane model and ecosystem-channel model and run them once, so
// the demo shows credit, explanations and scorecards from the first request.
// Uses the same path as `attrib run dsl/two_lane.attr` (publish if needed,
// then a full run of each published version).
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Database } from '../db/client.js';
import { startRun } from '../engine/run.js';
import { resolveRunTarget } from '../rules/targets.js';
import { progressBar } from '../progress/progress.js';
import { SEED_AS_OF } from './reference.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Rule files published for the demo, in order. */
const DEMO_RULE_FILES = ['dsl/two_lane.attr', 'dsl/ecosystem_channels.attr'] as const;

interface DemoRulesSummary {
  ruleSets: Array<{ key: string; version: number | null; runId: string; opportunities: number; allocations: number }>;
}

export async function publishDemoRules(db: Database, opts: { progress?: boolean; actor?: string } = {}): Promise<DemoRulesSummary> {
  const actor = opts.actor ?? 'system:demo';
  const summary: DemoRulesSummary = { ruleSets: [] };
  for (const file of DEMO_RULE_FILES) {
    const path = join(ROOT, file);
    // Fail early with the file name if the standard library is missing.
    readFileSync(path, 'utf8');
    const target = await resolveRunTarget(db, path, { actor });
    for (const version of target.versions) {
      const bar = opts.progress ? progressBar(`run ${target.ruleSetKey} v${version.version}`, 0) : undefined;
      let drawn = 0;
      const run = await startRun(db, {
        ruleVersionId: version.id,
        kind: 'full',
        triggeredBy: actor,
        // The demo data is dated up to SEED_AS_OF: evaluate open deals as of
        // then, so the demo's results are the same whenever it is loaded.
        asOf: SEED_AS_OF,
        onProgress: bar
          ? (p) => {
              bar.setTotal(p.total);
              bar.tick(p.done - drawn);
              drawn = p.done;
            }
          : undefined,
      });
      bar?.done();
      summary.ruleSets.push({
        key: target.ruleSetKey,
        version: version.version,
        runId: run.runId,
        opportunities: run.opportunities,
        allocations: run.allocations,
      });
    }
  }
  return summary;
}

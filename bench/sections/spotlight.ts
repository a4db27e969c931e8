// (f) The spotlight's models on generated deals: journeys per second for
// Markov order 1–3 and Shapley, each beside the linear-touch heuristic on the
// same journeys in the same run (one pass over the touches: the practical
// floor of any journey model), with the peak resident memory of each fit.
// The bootstrap refits a model `resamples` times, so a report costs about
// resamples × one fit.
import type { OpportunityFacts } from '../../src/domain/attribution.js';
import { generateFacts } from '../lib/facts.js';
import { sampleRss } from '../lib/memory.js';
import { requireModule } from '../lib/optional.js';
import type { Section, SectionResult } from '../lib/section.js';
import { nowMs, summarize } from '../lib/stats.js';
import { fmtRate, fmtRatio } from '../lib/table.js';

interface SpotlightModule {
  fromOpportunityFacts(f: OpportunityFacts): unknown;
  buildJourneys(opps: unknown[], unit: 'partner'): { journeys: Array<{ path: string[]; converted: boolean }> };
  markovModel(journeys: unknown[], options: { order: 1 | 2 | 3 }): { credits: unknown[] };
  shapleyModel(journeys: unknown[], options: { method: 'closed-form' }): { credits: unknown[] };
  heuristicModel(journeys: unknown[], model: 'linear'): { credits: unknown[] };
}

const section: Section = {
  name: 'spotlight',
  summary: 'spotlight models: journeys/s for Markov order 1-3 and Shapley vs linear-touch, peak memory',
  async run(ctx): Promise<SectionResult> {
    const spot = await requireModule<SpotlightModule>('src/spotlight/index.ts', ['markovModel', 'shapleyModel', 'buildJourneys']);
    const opportunities = ctx.quick ? 2_000 : 20_000;
    const partners = ctx.quick ? 30 : 200;
    const reps = ctx.reps ?? (ctx.quick ? 1 : 3);
    ctx.log(`spotlight: generating ${opportunities} opportunities`);
    const facts = generateFacts({ opportunities, touchpointsPerOpportunity: 10, partners, seed: 5 });
    const { journeys } = spot.buildJourneys(facts.map((f) => spot.fromOpportunityFacts(f)), 'partner');
    const usable = journeys.filter((j) => j.path.length > 0);
    const touches = usable.reduce((n, j) => n + j.path.length, 0);
    const time = (label: string, fit: () => unknown) => {
      ctx.log(`spotlight: ${label}`);
      fit(); // warm-up
      const rss = sampleRss();
      const samples: number[] = [];
      for (let i = 0; i < reps; i++) {
        const t0 = nowMs();
        fit();
        samples.push(nowMs() - t0);
      }
      return { ms: summarize(samples).median, peakMiB: rss.stop() };
    };
    const floor = time('linear-touch', () => spot.heuristicModel(usable, 'linear'));
    const cases = [
      { name: 'markov order 1', fit: () => spot.markovModel(usable, { order: 1 }) },
      { name: 'markov order 2', fit: () => spot.markovModel(usable, { order: 2 }) },
      { name: 'markov order 3', fit: () => spot.markovModel(usable, { order: 3 }) },
      { name: 'shapley (closed form)', fit: () => spot.shapleyModel(usable, { method: 'closed-form' }) },
    ];
    const size = `${opportunities.toLocaleString('en-US')} opportunities, ${usable.length.toLocaleString('en-US')} journeys, ${touches.toLocaleString('en-US')} touches, ${partners} partners`;
    const rows: SectionResult['rows'] = [{
      section: 'spotlight', case: `linear-touch (floor), ${size}`, metric: 'journeys/s', value: fmtRate(usable.length / (floor.ms / 1000)),
      ratio: '1.00x', note: `one fit ${Math.round(floor.ms)} ms; peak RSS ${floor.peakMiB} MiB`,
    }];
    const data: Record<string, unknown> = { opportunities, journeys: usable.length, touches, floor };
    for (const c of cases) {
      const m = time(c.name, c.fit);
      rows.push({
        section: 'spotlight', case: `${c.name}, ${size}`, metric: 'journeys/s', value: fmtRate(usable.length / (m.ms / 1000)),
        ratio: fmtRatio(floor.ms / m.ms), note: `x of linear-touch; one fit ${Math.round(m.ms)} ms; peak RSS ${m.peakMiB} MiB`,
      });
      data[c.name] = m;
    }
    return { rows, data, skipped: [] };
  },
};

export default section;

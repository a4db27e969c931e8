// (f) The spotlight's models on generated deals: journeys per second for
// Markov order 1–3 and Shapley, each beside the linear-touch heuristic on the
// same journeys in the same run (one pass over the touches: the practical
// floor of any journey model), with the peak resident memory of each fit.
// The bootstrap refits a model `resamples` times, so a report costs about
// resamples × one fit. Full mode: 100,000 opportunities with 10 touches each
// (±3); the journeys are the closed ones. Quick mode: 2,000.
import type { OpportunityFacts } from '../../src/domain/attribution.js';
import { generateFacts } from '../lib/facts.js';
import { sampleRss } from '../lib/memory.js';
import { requireModule } from '../lib/optional.js';
import type { Section, SectionResult } from '../lib/section.js';
import { nowMs, summarize } from '../lib/stats.js';
import { fmtRate, fmtRatio } from '../lib/table.js';

/** Opportunities generated at a time. */
const FACT_CHUNK = 10_000;
/** A warm-up fit slower than this is kept as a sample. */
const SLOW_FIT_MS = 5_000;
/** Once this much time went into one model's fits, no further repetition starts (at least one timed fit always runs). */
const FIT_BUDGET_MS = 120_000;

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
    const opportunities = ctx.quick ? 2_000 : 100_000;
    const partners = ctx.quick ? 30 : 200;
    const reps = ctx.reps ?? (ctx.quick ? 1 : 3);
    ctx.log(`spotlight: generating ${opportunities} opportunities (10 touches each)`);
    // Generated in chunks (each its own seed) and kept only as the models'
    // input, so the full size never holds every opportunity's facts at once.
    const rssBuild = sampleRss();
    const opps: unknown[] = [];
    for (let done = 0, chunk = 0; done < opportunities; chunk++) {
      const n = Math.min(FACT_CHUNK, opportunities - done);
      for (const f of generateFacts({ opportunities: n, touchpointsPerOpportunity: 10, partners, seed: 5 + chunk })) {
        opps.push(spot.fromOpportunityFacts({ ...f, key: `${chunk}-${f.key}` }));
      }
      done += n;
    }
    const { journeys } = spot.buildJourneys(opps, 'partner');
    opps.length = 0;
    const usable = journeys.filter((j) => j.path.length > 0);
    const buildPeakMiB = rssBuild.stop();
    const touches = usable.reduce((n, j) => n + j.path.length, 0);
    const time = (label: string, fit: () => unknown) => {
      ctx.log(`spotlight: ${label}`);
      const rss = sampleRss();
      const samples: number[] = [];
      const w0 = nowMs();
      fit(); // warm-up; a fit slower than SLOW_FIT_MS counts as a sample (JIT warm-up is negligible beside it)
      const warm = nowMs() - w0;
      if (warm > SLOW_FIT_MS) samples.push(warm);
      let spent = warm;
      while (samples.length < reps && (samples.length === 0 || spent < FIT_BUDGET_MS)) {
        const t0 = nowMs();
        fit();
        const ms = nowMs() - t0;
        samples.push(ms);
        spent += ms;
      }
      return { ms: summarize(samples).median, fits: samples.length, peakMiB: rss.stop() };
    };
    const floor = time('linear-touch', () => spot.heuristicModel(usable, 'linear'));
    const cases = [
      { name: 'markov order 1', fit: () => spot.markovModel(usable, { order: 1 }) },
      { name: 'markov order 2', fit: () => spot.markovModel(usable, { order: 2 }) },
      { name: 'markov order 3', fit: () => spot.markovModel(usable, { order: 3 }) },
      { name: 'shapley (closed form)', fit: () => spot.shapleyModel(usable, { method: 'closed-form' }) },
    ];
    const size = `${opportunities.toLocaleString('en-US')} opportunities, ${usable.length.toLocaleString('en-US')} journeys, ${touches.toLocaleString('en-US')} touches, ${partners} partners`;
    const rows: SectionResult['rows'] = [
      {
        section: 'spotlight',
        case: `linear-touch (floor), ${size}`,
        metric: 'journeys/s',
        value: fmtRate(usable.length / (floor.ms / 1000)),
        ratio: '1.00x',
        note: `one fit ${Math.round(floor.ms)} ms; peak RSS ${floor.peakMiB} MiB`,
      },
    ];
    rows.push({
      section: 'spotlight',
      case: `journeys from facts, ${size}`,
      metric: 'peak RSS MiB',
      value: String(buildPeakMiB),
      ratio: '',
      note: "generating the opportunities and building the journeys (the models' input held in memory)",
    });
    const data: Record<string, unknown> = { opportunities, journeys: usable.length, touches, buildPeakMiB, floor };
    for (const c of cases) {
      const m = time(c.name, c.fit);
      rows.push({
        section: 'spotlight',
        case: `${c.name}, ${size}`,
        metric: 'journeys/s',
        value: fmtRate(usable.length / (m.ms / 1000)),
        ratio: floor.ms / m.ms >= 0.01 ? fmtRatio(floor.ms / m.ms) : `${(floor.ms / m.ms).toPrecision(2)}x`,
        note: `x of linear-touch; one fit ${Math.round(m.ms)} ms (median of ${m.fits}); peak RSS ${m.peakMiB} MiB`,
      });
      data[c.name] = m;
    }
    return { rows, data, skipped: [] };
  },
};

export default section;

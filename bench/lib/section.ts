// What every benchmark section exports, and the context main.ts gives it.
import { Missing } from './optional.js';
import type { BenchRow } from './table.js';

export interface BenchContext {
  quick: boolean;
  /** Opportunity counts for the recompute benchmark. */
  sizes: number[];
  /** PostgreSQL URL (BENCH_DATABASE_URL, else TEST_DATABASE_URL), if any. */
  postgresUrl: string | undefined;
  /** Repetitions per measurement (default depends on the section and size). */
  reps: number | undefined;
  /** Seconds per autocannon run. */
  loadSeconds: number;
  /** Requests in flight (and raw INSERT connections) for the concurrent ingestion rows. */
  ingestConcurrency: number[];
  log(message: string): void;
}

export interface SectionResult {
  rows: BenchRow[];
  /** Machine-readable detail for bench/results.json. */
  data: Record<string, unknown>;
  /** Sub-cases that could not run, each "skipped: <what is missing>". */
  skipped: string[];
}

export interface Section {
  name: string;
  summary: string;
  run(ctx: BenchContext): Promise<SectionResult>;
}

export type Backend = 'pglite' | 'postgres';

export interface BackendMeasurement {
  rows: BenchRow[];
  /** Stored under data[backend] unless the measurement fills `data` itself. */
  data?: unknown;
  /** Extra entries for results.json, keyed as the section likes. */
  dataByKey?: Record<string, unknown>;
  skipped?: string[];
}

/**
 * The shape every database-backed section shares: check the section's
 * dependencies (a missing one skips the whole section with the reason), then
 * measure on PGlite and, when a PostgreSQL URL is configured, on PostgreSQL.
 */
export async function measureOnBackends(
  ctx: BenchContext,
  dependencies: () => Promise<unknown>,
  measure: (backend: Backend) => Promise<BackendMeasurement>,
): Promise<SectionResult> {
  try {
    await dependencies();
  } catch (error) {
    if (error instanceof Missing) return { rows: [], data: {}, skipped: [`skipped: ${error.what}`] };
    throw error;
  }
  const result: SectionResult = { rows: [], data: {}, skipped: [] };
  // BENCH_BACKENDS=postgres (or pglite) measures one backend only, e.g. to run
  // a long measurement per backend in the order that matters most.
  const only = (process.env.BENCH_BACKENDS ?? '')
    .split(',')
    .map((b) => b.trim())
    .filter(Boolean);
  for (const backend of ['pglite', 'postgres'] as const) {
    if (only.length && !only.includes(backend)) {
      result.skipped.push(`skipped: ${backend} cases (BENCH_BACKENDS=${only.join(',')})`);
      continue;
    }
    if (backend === 'postgres' && !ctx.postgresUrl) {
      result.skipped.push('skipped: PostgreSQL cases (set BENCH_DATABASE_URL or TEST_DATABASE_URL to a scratch database)');
      continue;
    }
    const m = await measure(backend);
    result.rows.push(...m.rows);
    if (m.data !== undefined) result.data[backend] = m.data;
    Object.assign(result.data, m.dataByKey ?? {});
    result.skipped.push(...(m.skipped ?? []));
  }
  return result;
}

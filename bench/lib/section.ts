// What every benchmark section exports, and the context main.ts gives it.
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

// Benchmark section "latency": incremental time-to-insight: ingestion response to updated allocation (p50/p99).
import { Missing, requireModule } from '../lib/optional.js';
import type { Section, SectionResult } from '../lib/section.js';

const section: Section = {
  name: 'latency',
  summary: 'incremental time-to-insight: ingestion response to updated allocation (p50/p99)',
  async run(): Promise<SectionResult> {
    try {
      await requireModule('src/server/app.ts', ['createApp']);
    } catch (error) {
      if (error instanceof Missing) return { rows: [], data: {}, skipped: [`skipped: the GraphQL server: ${error.what}`] };
      throw error;
    }
    return { rows: [], data: {}, skipped: ['skipped: measurement against the GraphQL server is not wired yet'] };
  },
};

export default section;

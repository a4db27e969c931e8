// Benchmark section "ingest": ingestion: GraphQL batch mutation over HTTP vs raw INSERT of the same rows.
import { Missing, requireModule } from '../lib/optional.js';
import type { Section, SectionResult } from '../lib/section.js';

const section: Section = {
  name: 'ingest',
  summary: 'ingestion: GraphQL batch mutation over HTTP vs raw INSERT of the same rows',
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

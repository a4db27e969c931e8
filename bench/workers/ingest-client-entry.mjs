// Worker-thread entry of the ingestion client (bench/lib/ingest-client.ts):
// loads TypeScript through tsx, then the client thread.
import { register } from 'tsx/esm/api';

register();
await import('./ingest-client-worker.ts');

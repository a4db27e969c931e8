// Worker-thread entry: loads TypeScript through tsx, then the recompute thread.
import { register } from 'tsx/esm/api';

register();
await import('./engine-thread-worker.ts');

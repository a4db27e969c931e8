// Worker-thread entry of the request/reply test: loads TypeScript through tsx, then the tiny worker.
import { register } from 'tsx/esm/api';

register();
await import('./echo-worker.ts');

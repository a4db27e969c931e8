// Worker-thread entry: loads TypeScript through tsx, then the evaluation worker.
import { register } from 'tsx/esm/api';

register();
await import('./worker.ts');

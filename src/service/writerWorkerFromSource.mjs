// Entry of the writer thread when Verbund runs from its TypeScript sources (tests, tsx): a
// worker thread does not inherit the parent's module hooks, so it registers tsx's loader
// itself. The built package uses dist/writerWorker.js instead.
import { register } from 'tsx/esm/api';

register();
await import('./writerWorker.ts');

// Entry of the timeline check's worker thread when Verbund runs from its TypeScript sources
// (tests, tsx): a worker thread does not inherit the parent's module hooks, so it registers
// tsx's loader itself. The built package uses dist/timelinePartWorker.js instead.
import { register } from 'tsx/esm/api';

register();
await import('./timelinePartWorker.ts');

// Entry of the analysis worker thread when Verbund runs from its TypeScript sources (tests,
// tsx): a worker thread does not inherit the parent's module hooks, so it registers tsx's
// loader itself before importing the TypeScript entry. The built package uses
// dist/analysisWorker.js instead.
import { register } from 'tsx/esm/api';

register();
const worker = await import('./analysisWorker.ts');
export default worker.default;

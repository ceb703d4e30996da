/**
 * Generic graph algorithms over a CSR index (no estate): the index, failure masks, grouping,
 * connected, biconnected and 2-edge-connected components, the block-cut tree, spanning and
 * rooted forests, a heap. One algorithm per file; the engine's analyses run on them.
 */
export { buildCsr, type CsrGraph } from './CsrGraph.js';
export { emptyMask, masksOf, type FailureMask, type MaskOptions } from './FailureMask.js';
export { groupBy, groupPairs, type Groups } from './groupBy.js';
export { connectedComponents, componentMembers, type ConnectedComponents } from './connectedComponents.js';
export { biconnectedComponents, articulationPoints, bridges, type BiconnectedComponents } from './biconnectedComponents.js';
export { twoEdgeConnectedComponents, type TwoEdgeOptions } from './twoEdgeConnectedComponents.js';
export { blockCutTree, type BlockCutTree } from './blockCutTree.js';
export { spanningForest, type SpanningForest } from './spanningForest.js';
export { rootForest, type RootedForest } from './rootForest.js';
export { Heap } from './Heap.js';
export { Pairs } from './Pairs.js';
export { dropLoops, trim, type Path } from './Path.js';

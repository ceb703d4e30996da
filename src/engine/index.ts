/**
 * The resilience engine: an estate projected onto a typed-array graph, and free functions
 * over it. Every analysis takes the graph and an options object; failures are masks.
 */
export { buildCsr, type CsrGraph } from '../graph/CsrGraph.js';
export { emptyMask, masksOf, type FailureMask, type MaskOptions } from '../graph/FailureMask.js';
export { groupBy, groupPairs, type Groups } from '../graph/groupBy.js';
export {
  buildProjection,
  resolveElement,
  DEVICE_NODE,
  SITE_NODE,
  type ElementRef,
  type ObjectSource,
  type Projection,
  type ProjectionOptions,
} from './projection.js';
export { failElements, markElement, type FailedElements } from './failElements.js';
export { connectedComponents, componentMembers, type ConnectedComponents } from '../graph/connectedComponents.js';
export { biconnectedComponents, articulationPoints, bridges, type BiconnectedComponents } from '../graph/biconnectedComponents.js';
export { twoEdgeConnectedComponents, type TwoEdgeOptions } from '../graph/twoEdgeConnectedComponents.js';
export { blockCutTree, type BlockCutTree } from '../graph/blockCutTree.js';
export { networkReport, componentNodeIds, type NetworkReport, type NetworkReportOptions } from './networkReport.js';
export { buildServices, serviceUp, type ServiceModel } from './services.js';
export { analyzeSurvivability, type Survivability, type ServiceSurvivability, type Spof, type FailureElement, type ElementKind } from './survivability.js';
export { whatIf, type WhatIfResult, type WhatIfOptions } from './whatIf.js';
export { disjointPaths, nodeLinkDisjointPaths, pathsJson, type DisjointPathsResult, type NodeLinkDisjointResult, type PathsJson, type Path } from './disjointPaths.js';
export { analyzeAvailability, type AvailabilityReport, type ServiceAvailability, type CutSet } from './availability.js';
export { elementAvailabilities } from './elementAvailability.js';

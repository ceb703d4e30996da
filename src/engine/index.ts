/**
 * The resilience engine: an estate projected onto a typed-array graph, and the analyses
 * over it. Every analysis takes the projection and an options object; failures are masks.
 * The generic graph algorithms it runs on are in src/graph (index.ts there).
 */
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
export { networkReport, componentNodeIds, type NetworkReport, type NetworkReportOptions } from './networkReport.js';
export { buildServices, serviceUp, type ServiceModel } from './services.js';
export { analyzeSurvivability, type Survivability, type ServiceSurvivability, type Spof, type FailureElement, type ElementKind } from './survivability.js';
export { whatIf, type WhatIfResult, type WhatIfOptions } from './whatIf.js';
export { disjointPaths, nodeLinkDisjointPaths, pathsJson, type DisjointPathsResult, type NodeLinkDisjointResult, type PathsJson, type Path } from './disjointPaths.js';
export { analyzeAvailability, type AvailabilityReport, type ServiceAvailability, type CutSet } from './availability.js';
export { elementAvailabilities } from './elementAvailability.js';

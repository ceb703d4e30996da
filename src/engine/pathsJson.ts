/**
 * JSON view of `disjointPaths` and `nodeLinkDisjointPaths` results (docs/schemas/paths.schema.json:
 * `paths --json` has `status`, `paths` and `reason`).
 */
import type { DisjointPathsResult } from './DisjointPathsResult.js';
import type { NodeLinkDisjointResult } from './nodeLinkDisjointPaths.js';
import type { Path } from '../graph/Path.js';
import type { ElementRef, Projection } from './projection.js';

/** An element by id. */
export interface ElementJson {
  readonly kind: ElementRef['kind'];
  readonly id: string;
}

/** One path by id. */
export interface PathJson {
  readonly from: string;
  readonly to: string;
  /** Node ids in order (devices, or sites without devices). */
  readonly nodes: string[];
  /** Link ids in order, one fewer than nodes. */
  readonly links: string[];
}

/** The `paths --json` shape. */
export interface PathsJson {
  readonly status: 'found' | 'none' | 'unknown';
  /** Two paths when `found`, else empty. */
  readonly paths: PathJson[];
  /** Null when `found`; `limit` when `unknown`. */
  readonly reason: null | {
    readonly kind: 'disconnected' | 'no-instances' | 'cut' | 'shared' | 'limit';
    readonly elements: ElementJson[];
    /** Only for `shared`: the list is inclusion-minimal. */
    readonly minimal?: boolean;
    /** Only for `cut`: one path (every path crosses the elements), so the one way there is can be shown. */
    readonly path?: PathJson;
    readonly message: string;
  };
}

/** The answer for an application without an instance in service: no path can exist. */
export function noInstances(application: string): PathsJson {
  return { status: 'none', paths: [], reason: { kind: 'no-instances', elements: [], message: `the application ${application} has no instance in service at this date` } };
}

/** The id of an element. */
export function elementId(p: Projection, ref: ElementRef): string {
  switch (ref.kind) {
    case 'device':
      return p.nodeIds[ref.index]!;
    case 'site':
      return p.siteIds[ref.index]!;
    case 'link':
      return p.edgeIds[ref.index]!;
    case 'risk-group':
      return p.riskGroupIds[ref.index]!;
  }
}

/** A path by id. */
export function pathJson(p: Projection, path: Path): PathJson {
  return {
    from: p.nodeIds[path.nodes[0]!]!,
    to: p.nodeIds[path.nodes[path.nodes.length - 1]!]!,
    nodes: path.nodes.map((v) => p.nodeIds[v]!),
    links: path.edges.map((e) => p.edgeIds[e]!),
  };
}

/** A result of {@link disjointPaths} (or {@link nodeLinkDisjointPaths}) by id, with a one-line message. */
export function pathsJson(p: Projection, result: DisjointPathsResult | NodeLinkDisjointResult): PathsJson {
  if (result.status === 'found') return { status: 'found', paths: result.paths.map((x) => pathJson(p, x)), reason: null };
  if (result.status === 'unknown') return { status: 'unknown', paths: [], reason: { kind: 'limit', elements: [], message: result.reason } };
  const reason = result.reason;
  if (reason.kind === 'disconnected') {
    return { status: 'none', paths: [], reason: { kind: 'disconnected', elements: [], message: 'no path leads from the start to the end' } };
  }
  const elements = reason.elements.map((r) => ({ kind: r.kind, id: elementId(p, r) }));
  const named = elements.map((e) => `${e.id} (${e.kind})`).join(', ');
  if (reason.kind === 'cut') {
    const message = `every path crosses ${elements.length === 1 ? named : `each of ${named}`}, so every pair of paths shares it`;
    return { status: 'none', paths: [], reason: { kind: 'cut', elements, message, path: pathJson(p, reason.path) } };
  }
  const message = `paths sharing no device and no link exist, but every such pair shares at least one of ${named}: none of them is on every path, together they leave no independent pair${reason.minimal ? '' : ' (possibly not all needed: limit reached while shortening)'}`;
  return { status: 'none', paths: [], reason: { kind: 'shared', elements, minimal: reason.minimal, message } };
}

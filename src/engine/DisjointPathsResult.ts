/**
 * The answer of `disjointPaths` (disjointPaths.ts), in a file of its own so that its JSON
 * view (pathsJson.ts) reads it without importing the search.
 */
import type { Path } from '../graph/Path.js';
import type { ElementRef } from './projection.js';

/** Why no two independent paths exist (see disjointPaths.ts for the exact claims). */
export type PathsReason =
  | { readonly kind: 'disconnected' }
  | { readonly kind: 'cut'; readonly elements: readonly ElementRef[]; /** A path (all of them cross the elements): the map draws it. */ readonly path: Path }
  | { readonly kind: 'shared'; readonly elements: readonly ElementRef[]; readonly minimal: boolean };

/** The answer of `disjointPaths`. `steps` counts search nodes (0 when a certificate sufficed). */
export type DisjointPathsResult =
  | { readonly status: 'found'; readonly paths: readonly [Path, Path]; readonly steps: number }
  | { readonly status: 'none'; readonly reason: PathsReason; readonly steps: number }
  | { readonly status: 'unknown'; readonly reason: string; readonly steps: number };

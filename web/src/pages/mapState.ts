/**
 * The map page's state in named parts (issue 16, part 4): how it is drawn, the failure
 * simulated and the paths asked for. The selection, the failure's ids and the path's ends
 * are also in the URL (docs/ui.md, "Links and the URL"); this holds what is computed from
 * them and what the user is typing.
 */
import type { Paths, WhatIf } from '../types.js';
import type { Colouring } from './mapScene.js';

/** How the map is drawn and what the side panel filters. */
export interface MapLook {
  readonly colouring: Colouring;
  /** The risk group hovered or focused in the list. */
  readonly highlight: string | null;
  /** The filter of the risk group list. */
  readonly rgFilter: string;
  /** The element id being typed. */
  readonly addId: string;
}

/** The failure simulated. */
export interface Failure {
  readonly busy: boolean;
  readonly result: WhatIf | null;
  /** What failed (the answer's ids: risk groups resolved). */
  readonly failed: ReadonlySet<string>;
  readonly error: unknown;
}

/** The paths between a site and an application. */
export interface PathsAsked {
  readonly from: string;
  readonly to: string;
  readonly result: Paths | null;
  readonly error: unknown;
}

/** The whole state. */
export interface MapState {
  readonly look: MapLook;
  readonly failure: Failure;
  readonly paths: PathsAsked;
}

/** What changes it. */
export type MapAction =
  | { readonly type: 'look'; readonly change: Partial<MapLook> }
  | { readonly type: 'failing' }
  | { readonly type: 'failed'; readonly result: WhatIf }
  | { readonly type: 'failError'; readonly error: unknown }
  | { readonly type: 'clearFailure' }
  | { readonly type: 'pathEnds'; readonly from?: string; readonly to?: string }
  | { readonly type: 'pathsAsked' }
  | { readonly type: 'paths'; readonly result: Paths }
  | { readonly type: 'pathsError'; readonly error: unknown };

const noFailure: Failure = { busy: false, result: null, failed: new Set(), error: undefined };

/** The state when the page opens, with the path's ends from the URL (`path=site,application`). */
export function initialMapState(pathParam: string): MapState {
  const [from = '', to = ''] = pathParam.split(',');
  return { look: { colouring: 'carrier', highlight: null, rgFilter: '', addId: '' }, failure: noFailure, paths: { from, to, result: null, error: undefined } };
}

/** The reducer. */
export function mapReducer(s: MapState, a: MapAction): MapState {
  switch (a.type) {
    case 'look':
      return { ...s, look: { ...s.look, ...a.change } };
    case 'failing':
      return { ...s, failure: { ...s.failure, busy: true, error: undefined } };
    case 'failed':
      return { ...s, failure: { busy: false, result: a.result, failed: new Set(a.result.failed), error: undefined } };
    case 'failError':
      return { ...s, failure: { ...s.failure, busy: false, error: a.error } };
    case 'clearFailure':
      return { ...s, failure: noFailure };
    case 'pathEnds':
      return { ...s, paths: { ...s.paths, from: a.from ?? s.paths.from, to: a.to ?? s.paths.to } };
    case 'pathsAsked':
      return { ...s, paths: { ...s.paths, result: null, error: undefined } };
    case 'paths':
      return { ...s, paths: { ...s.paths, result: a.result } };
    case 'pathsError':
      return { ...s, paths: { ...s.paths, error: a.error } };
  }
}

/**
 * The paths to draw: the independent pair; when there is none, the pair that shares only a
 * risk group (to show where); when only one path exists, that one.
 */
export function shownPaths(p: Paths | null): readonly { nodes: string[]; links: string[] }[] {
  if (!p) return [];
  if (p.paths.length) return p.paths;
  if (p.nodeLinkDisjoint?.paths.length) return p.nodeLinkDisjoint.paths;
  const one = (p.reason as { path?: { nodes: string[]; links: string[] } } | null | undefined)?.path;
  return one ? [one] : [];
}

/**
 * An application's dependency as written: an id (a loose coupling) or `{application,
 * coupling}`. One reading of that shape for every layer.
 */

/** Either form of a dependency. */
export type DependencyLike = string | { readonly application: string; readonly coupling?: string | undefined };

/** The application a dependency points at. */
export function dependencyId(d: DependencyLike): string {
  return typeof d === 'string' ? d : d.application;
}

/** A dependency with its coupling made explicit: an id alone, or no coupling, is loose. */
export function dependencyOf(d: DependencyLike): { application: string; coupling: 'tight' | 'loose' } {
  return { application: dependencyId(d), coupling: typeof d !== 'string' && d.coupling === 'tight' ? 'tight' : 'loose' };
}

/** What every page shares: who is signed in, the date looked at and the plan overlaid. */
import { createContext, useCallback, useContext, useEffect, useState, type DependencyList } from 'react';
import { get, type Principal } from './api.js';

export interface AppState {
  readonly user: Principal;
  /** The date looked at, `YYYY-MM-DD`. */
  readonly at: string;
  readonly setAt: (d: string) => void;
  /** The plan overlaid on the baseline, or ''. */
  readonly plan: string;
  readonly setPlan: (p: string) => void;
  /** Grows whenever a plan is written, accepted or dropped: lists of plans reload. */
  readonly plansVersion: number;
  readonly plansChanged: () => void;
}

export const AppContext = createContext<AppState | null>(null);

/** The shared state. */
export function useApp(): AppState {
  const v = useContext(AppContext);
  if (!v) throw new Error('useApp outside the app');
  return v;
}

/** Today as `YYYY-MM-DD` (UTC). */
export function today(): string {
  return new Date().toISOString().slice(0, 10);
}

/** Tomorrow as `YYYY-MM-DD` (UTC): the earliest date a planner may schedule (docs/api.md, "Present and past"). */
export function tomorrow(): string {
  return new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
}

/** Whether the user may write change sets. */
export function canPlan(u: Principal): boolean {
  return u.role === 'planner' || u.role === 'operator' || u.role === 'admin';
}

/** The state of an asynchronous load. */
export interface Loaded<T> {
  readonly data: T | undefined;
  readonly error: unknown;
  readonly loading: boolean;
  readonly reload: () => void;
}

/** Loads data when the dependencies change; the newest answer wins. */
export function useLoad<T>(load: (signal: AbortSignal) => Promise<T>, deps: DependencyList): Loaded<T> {
  const [state, setState] = useState<{ data: T | undefined; error: unknown; loading: boolean }>({ data: undefined, error: undefined, loading: true });
  const [tick, setTick] = useState(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the caller's `deps` stand for what its `load` reads (as useCallback's own list)
  const run = useCallback(load, deps);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `tick` is the trigger of `reload`, not a value the effect reads
  useEffect(() => {
    const ctl = new AbortController();
    setState((s) => ({ ...s, loading: true, error: undefined }));
    run(ctl.signal).then(
      (data) => !ctl.signal.aborted && setState({ data, error: undefined, loading: false }),
      (error: unknown) => !ctl.signal.aborted && setState({ data: undefined, error, loading: false }),
    );
    return () => ctl.abort();
  }, [run, tick]);
  return { ...state, reload: () => setTick((t) => t + 1) };
}

/** Above this many services, costly analyses (availability) run only when asked for. */
export const LARGE_ESTATE = 2000;

/** An on-request load: whether it was asked for, and how to ask for it or cancel it. */
export type OnDemandLoad<T> = Loaded<T | null> & {
  readonly asked: boolean;
  readonly ask: () => void;
  /** Stops the computation: the request is aborted (the server then cancels the analysis). */
  readonly cancel: () => void;
};

/**
 * A load that starts at once on small estates and on request on large ones (the server
 * computes it in its one process: a state-sized availability takes minutes). Either way it can
 * be cancelled; it then waits to be asked again.
 */
export function useOnDemand<T>(load: (signal: AbortSignal) => Promise<T>, deps: DependencyList, large: boolean | undefined): OnDemandLoad<T> {
  const [mode, setMode] = useState<'auto' | 'asked' | 'cancelled'>('auto');
  const go = mode === 'asked' || (mode === 'auto' && large === false);
  // A new view (date, plan, organization) starts over: asked again on a large estate, at once on a small one.
  // biome-ignore lint/correctness/useExhaustiveDependencies: the caller's `deps` are the trigger
  useEffect(() => setMode((m) => (m === 'cancelled' ? 'auto' : m)), deps);
  // Aborting is the effect's cleanup: when `go` turns false, useLoad aborts the running request.
  const state = useLoad((s) => (go ? load(s) : Promise.resolve(null)), [...deps, go]);
  return { ...state, asked: go, ask: () => setMode('asked'), cancel: () => setMode('cancelled') };
}

/**
 * Whether the estate is large (more usages than {@link LARGE_ESTATE}) for a staff user;
 * undefined while that is being asked. A tenant's analyses are its own: never large.
 */
export function useLarge(): boolean | undefined {
  const { at, plan, user } = useApp();
  const size = useLoad(
    (s) => (user.role === 'tenant' ? Promise.resolve(0) : get<{ total: number }>('/usages', { at, plan, limit: 1 }, s).then((p) => p.total)),
    [at, plan, user.role],
  );
  return size.data === undefined ? undefined : size.data > LARGE_ESTATE;
}

/**
 * The one way planning talks to HiGHS (the `highs` package, a WebAssembly build): load it
 * once per process, build sparse rows, run a model within a wall-clock limit, and read back
 * status, gap and solution. Wave planning and restore planning both solve through it.
 */

type HighsLoader = (typeof import('highs'))['default'];
type HighsRuntime = Awaited<ReturnType<HighsLoader>>;
let runtime: Promise<HighsRuntime> | undefined;

/** Loads the WebAssembly solver once per process. */
export function highs(): Promise<HighsRuntime> {
  // A CommonJS package: under Node's ESM loader its loader function is the default export.
  runtime ??= import('highs').then((m) => (m as unknown as { default: HighsLoader }).default());
  return runtime;
}

/** A MIP in HiGHS's sparse form (minimisation). */
export interface MipModel {
  readonly numCols: number;
  readonly numRows: number;
  readonly colCost: Float64Array;
  readonly colLower: Float64Array;
  readonly colUpper: Float64Array;
  readonly integrality: Int32Array;
  readonly rowLower: Float64Array;
  readonly rowUpper: Float64Array;
  readonly matrix: { format: 'csr'; numRows: number; numCols: number; starts: Int32Array; indices: Int32Array; values: Float64Array };
  /** Constant part of the objective. */
  readonly offset: number;
}

/** How a run ended: solution values (null if none), proven optimal or stopped, gap, seconds. */
export interface MipRun {
  readonly status: 'optimal' | 'time-limit' | 'infeasible';
  readonly values: Float64Array | null;
  /** Relative gap between the solution and the proven bound (0 when optimal, Infinity without either). */
  readonly gap: number;
  /** The proven lower bound of the objective (-Infinity if none). */
  readonly bound: number;
  readonly seconds: number;
}

/** Runs a model from an optional start for at most `seconds`; `onTick` gets (seconds, gap) now and then. */
export async function runMip(m: MipModel, start: Float64Array | null, seconds: number, onTick?: (seconds: number, gap: number) => void): Promise<MipRun> {
  const solver = await highs();
  const began = Date.now();
  return solver.withModel((model) => {
    model.options.set({ output_flag: false, time_limit: seconds, mip_rel_gap: 1e-6 });
    model.passModel({ ...m, integrality: m.integrality as unknown as Int32Array });
    if (start) model.setSolution({ colValue: start });
    // HiGHS checks its time_limit only now and then (not inside a long root LP of a large
    // model), so every interruptible channel also stops the run at the wall-clock deadline.
    const deadline = began + seconds * 1000;
    const stop = (ev: { interrupt(): void }): undefined => {
      if (Date.now() > deadline) ev.interrupt();
      return undefined;
    };
    const types = solver.constants.callbackType;
    const callbacks = {
      [types.simplexInterrupt]: stop,
      [types.ipmInterrupt]: stop,
      [types.mipInterrupt]: stop,
      ...(onTick && {
        [types.mipLogging]: (ev: { data: { running_time?: number; mip_gap?: number } }): undefined => {
          onTick(ev.data.running_time ?? 0, ev.data.mip_gap ?? Infinity);
          return undefined;
        },
      }),
    };
    const status = model.run(callbacks as never).modelStatus;
    const codes = solver.constants.modelStatus;
    const elapsed = (Date.now() - began) / 1000;
    if (status === codes.infeasible) return { status: 'infeasible' as const, values: null, gap: Infinity, bound: Infinity, seconds: elapsed };
    const hasSolution = Number(model.info.get('primal_solution_status')) === 2;
    const values = hasSolution ? Float64Array.from(model.getSolution().colValue) : null;
    const optimal = status === codes.optimal;
    const gap = optimal ? 0 : Number(model.info.get('mip_gap'));
    const bound = Number(model.info.get('mip_dual_bound'));
    return { status: optimal ? ('optimal' as const) : ('time-limit' as const), values, gap: Number.isFinite(gap) ? gap : Infinity, bound: Number.isFinite(bound) ? bound : -Infinity, seconds: elapsed };
  });
}

/** Collects rows and packs them into CSR arrays. */
export class RowBuilder {
  private readonly starts: number[] = [0];
  private readonly indices: number[] = [];
  private readonly values: number[] = [];
  private readonly lower: number[] = [];
  private readonly upper: number[] = [];

  /** Adds the row `lo ≤ Σ val[i]·x[idx[i]] ≤ hi`. */
  add(idx: readonly number[], val: readonly number[], lo: number, hi: number): void {
    for (let i = 0; i < idx.length; i++) (this.indices.push(idx[i]!), this.values.push(val[i]!));
    this.starts.push(this.indices.length);
    this.lower.push(lo);
    this.upper.push(hi);
  }

  /** The rows as HiGHS wants them. */
  finish(numCols: number): { numRows: number; lower: Float64Array; upper: Float64Array; matrix: MipModel['matrix'] } {
    const numRows = this.lower.length;
    return {
      numRows,
      lower: Float64Array.from(this.lower),
      upper: Float64Array.from(this.upper),
      matrix: { format: 'csr', numRows, numCols, starts: Int32Array.from(this.starts), indices: Int32Array.from(this.indices), values: Float64Array.from(this.values) },
    };
  }
}

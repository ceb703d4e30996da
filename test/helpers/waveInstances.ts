/**
 * Random wave-planning instances, deterministic from a seed: applications with sizes, about
 * `depsPerApp` dependencies each (mostly within a domain of related applications, some on a
 * few shared infrastructure applications, some on applications already at the target; one in
 * ten tight), year-end and election blackouts, and a target whose capacity grows on a date
 * (new racks). Used by the property tests and by `npm run bench:planning`.
 */
import { Random } from '../../src/interop/random.js';
import { dateOf, dayOf } from '../../src/planning/calendar.js';
import type { WaveApp, WaveDependency, WaveInput } from '../../src/planning/buildWaveProblem.js';

/** Shape of a generated instance. */
export interface WaveInstanceOptions {
  readonly apps: number;
  readonly seed: number;
  readonly depsPerApp?: number;
  /** Share of tight dependencies (default 0.1). */
  readonly tight?: number;
  /** Expected number of waves the limits aim at (default 12). */
  readonly waves?: number;
  readonly start?: string;
  /** Horizon in days (default 365). */
  readonly horizon?: number;
  readonly weekdays?: readonly number[];
}

/** Generates one instance. */
export function waveInstance(o: WaveInstanceOptions): WaveInput {
  const random = new Random(o.seed, 'waves');
  const rnd = (): number => random.next();
  const int = (lo: number, hi: number): number => lo + Math.floor(rnd() * (hi - lo + 1));
  const n = o.apps;
  const depsPerApp = o.depsPerApp ?? 3;
  const start = o.start ?? '2027-01-04';
  const id = (i: number): string => `app-${String(i).padStart(5, '0')}`;
  const infra = Math.max(1, Math.round(n * 0.02));
  const domain = 12;
  const moving: WaveApp[] = [];
  for (let i = 0; i < n; i++) {
    const vcpu = [2, 4, 4, 8, 8, 8, 16, 16, 32, 64][int(0, 9)]!;
    const r = rnd();
    const blackouts =
      r < 0.12
        ? [{ from: '--12-15', to: '--01-31', reason: 'year-end closing' }]
        : r < 0.2
          ? [{ from: '--12-01', to: '--01-15', reason: 'year-end payroll' }]
          : r < 0.25
            ? [{ from: dateOf(dayOf(start) + int(20, 200)), to: dateOf(dayOf(start) + int(220, 300)), reason: 'election' }]
            : [];
    moving.push({ id: id(i), size: { vcpu, ram_gb: vcpu * int(4, 8), storage_tb: Math.round(rnd() * 100) / 10 }, blackouts });
  }
  const atTarget = new Set<string>(['target-directory', 'target-database']);
  const dependencies: WaveDependency[] = [];
  const seen = new Set<string>();
  const total = Math.round(n * depsPerApp);
  for (let tries = 0; dependencies.length < total && tries < total * 10; tries++) {
    const from = int(0, n - 1);
    const r = rnd();
    let to: string;
    if (r < 0.05) to = [...atTarget][int(0, 1)]!;
    else if (r < 0.25) to = id(int(0, infra - 1));
    else {
      const base = Math.floor(from / domain) * domain;
      to = id(Math.min(n - 1, base + int(0, domain - 1)));
    }
    if (to === id(from) || seen.has(`${from} ${to}`)) continue;
    seen.add(`${from} ${to}`);
    // Tight couplings stay within a domain, never to the shared infrastructure (a group would swallow everything).
    const tight = r >= 0.25 && rnd() < (o.tight ?? 0.1) / 0.75;
    dependencies.push({ from: id(from), to, coupling: tight ? 'tight' : 'loose' });
  }
  const waves = o.waves ?? 12;
  const sumVcpu = moving.reduce((s, a) => s + a.size.vcpu, 0);
  const sumRam = moving.reduce((s, a) => s + a.size.ram_gb, 0);
  const startDay = dayOf(start);
  return {
    start,
    end: dateOf(startDay + (o.horizon ?? 365)),
    weekdays: o.weekdays ?? [6],
    moving,
    atTarget,
    dependencies,
    maxApps: Math.max(4, Math.ceil((n / waves) * 1.1)),
    maxVcpu: Math.max(64, Math.ceil((sumVcpu / waves) * 1.15)),
    capacity: [
      { day: startDay, free: { vcpu: sumVcpu * 0.6, ram_gb: sumRam * 0.7, storage_tb: Infinity } },
      { day: startDay + 120, free: { vcpu: sumVcpu * 1.3, ram_gb: sumRam * 1.3, storage_tb: Infinity } },
    ],
  };
}

/**
 * The finance year-end trap (7 applications): a tight finance group of three with year-end
 * closing and payroll blackouts (1 Dec – 31 Jan) and 48 vCPU, four other applications that
 * depend on it, at most three applications per wave, and a target with 40 vCPU free until a
 * new cluster arrives on 4 March 2028. The optimum (3 waves, the last on 4 March) is what the
 * combinatorial bounds prove at once: ⌈7 / 3⌉ waves, and the finance group fits from 4 March.
 */
export function yearEndTrap(): WaveInput {
  const finance = ['fin-core', 'fin-payroll', 'fin-db'];
  const others = ['portal', 'ewo', 'akte', 'directory'];
  const blackouts = [
    { from: '--12-15', to: '--01-31', reason: 'year-end closing' },
    { from: '--12-01', to: '--01-15', reason: 'year-end payroll' },
  ];
  return {
    start: '2027-12-04',
    end: '2028-06-30',
    weekdays: [6],
    moving: [...finance.map((id) => ({ id, size: { vcpu: 16, ram_gb: 64, storage_tb: 1 }, blackouts })), ...others.map((id) => ({ id, size: { vcpu: 8, ram_gb: 32, storage_tb: 1 }, blackouts: [] }))],
    atTarget: new Set(['target-directory']),
    dependencies: [
      { from: 'fin-core', to: 'fin-db', coupling: 'tight' },
      { from: 'fin-payroll', to: 'fin-db', coupling: 'tight' },
      ...others.map((id) => ({ from: id, to: 'fin-core', coupling: 'loose' as const })),
      { from: 'portal', to: 'target-directory', coupling: 'loose' },
      { from: 'ewo', to: 'directory', coupling: 'loose' },
    ],
    maxApps: 3,
    capacity: [
      { day: dayOf('2027-12-04'), free: { vcpu: 40, ram_gb: Infinity, storage_tb: Infinity } },
      { day: dayOf('2028-03-04'), free: { vcpu: 200, ram_gb: Infinity, storage_tb: Infinity } },
    ],
  };
}

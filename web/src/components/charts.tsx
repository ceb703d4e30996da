/** SVG charts: the migration burn-up and the plan's Gantt chart. */
import { useI18n, choiceColour } from '../i18n/index.js';
import type { MigrationPoint } from '../../../src/contracts/index.js';

/** Applications by status at a point. */
type StatusCounts = MigrationPoint['counts'];

const day = 86_400_000;
const ms = (iso: string) => new Date(iso.length === 10 ? `${iso}T00:00:00Z` : iso).getTime();

/** Ticks of a time axis: the first of January of each year in range (at most ~8). */
function yearTicks(t0: number, t1: number): number[] {
  const y0 = new Date(t0).getUTCFullYear() + 1;
  const y1 = new Date(t1).getUTCFullYear();
  const step = Math.max(1, Math.ceil((y1 - y0 + 1) / 8));
  const out: number[] = [];
  for (let y = y0; y <= y1; y += step) out.push(Date.UTC(y, 0, 1));
  return out;
}

const done: (keyof StatusCounts)[] = ['joint', 'migrated'];

/**
 * Burn-up: applications done (migrated, joint) as a stacked step area against the scope
 * (every application not retired), with a line at the date looked at.
 */
export function BurnUp({ points, plan, at }: { points: MigrationPoint[]; plan?: MigrationPoint[] | undefined; at: string }) {
  const { t, choice, date } = useI18n();
  if (points.length === 0) return <p className="muted">{t('none')}</p>;
  const W = 640;
  const H = 220;
  const m = { l: 40, r: 12, t: 12, b: 28 };
  const all = [...points, ...(plan ?? [])];
  const t0 = Math.min(...all.map((p) => ms(p.at)));
  const t1 = Math.max(ms(at), ...all.map((p) => ms(p.at))) + 30 * day;
  const scope = (c: StatusCounts) => c.legacy + c.migrating + c.migrated + c.joint + c.planned;
  const max = Math.max(1, ...all.map((p) => scope(p.counts)));
  const x = (tm: number) => m.l + ((tm - t0) / (t1 - t0)) * (W - m.l - m.r);
  const y = (v: number) => H - m.b - (v / max) * (H - m.t - m.b);
  const step = (series: MigrationPoint[], value: (c: StatusCounts) => number) => {
    let d = '';
    series.forEach((p, i) => {
      const px = x(ms(p.at));
      const py = y(value(p.counts));
      d += i === 0 ? `M${px},${py}` : `H${px}V${py}`;
    });
    return `${d}H${x(t1)}`;
  };
  const area = (series: MigrationPoint[], lo: (c: StatusCounts) => number, hi: (c: StatusCounts) => number) => {
    const top = step(series, hi);
    const rev = [...series].reverse();
    let back = `V${y(lo(rev[0]!.counts))}`;
    rev.forEach((p, i) => {
      back += `H${x(ms(p.at))}`;
      const next = rev[i + 1];
      if (next) back += `V${y(lo(next.counts))}`;
    });
    return `${top}${back}Z`;
  };
  const last = points[points.length - 1]!.counts;
  return (
    <figure className="chart">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={t('overview.burnupLabel', { done: last.migrated + last.joint, scope: scope(last) })}>
        {[0, 0.5, 1].map((f) => (
          <g key={f}>
            <line x1={m.l} x2={W - m.r} y1={y(max * f)} y2={y(max * f)} stroke="#ddd" />
            <text x={m.l - 6} y={y(max * f) + 4} textAnchor="end" fontSize="11" fill="#444">
              {Math.round(max * f)}
            </text>
          </g>
        ))}
        {yearTicks(t0, t1).map((tk) => (
          <text key={tk} x={x(tk)} y={H - 8} textAnchor="middle" fontSize="11" fill="#444">
            {new Date(tk).getUTCFullYear()}
          </text>
        ))}
        <path d={area(points, () => 0, (c) => c.joint)} fill={choiceColour('applicationStatus', 'joint')} opacity="0.85" />
        <path d={area(points, (c) => c.joint, (c) => c.joint + c.migrated)} fill={choiceColour('applicationStatus', 'migrated')} opacity="0.85" />
        <path d={step(points, scope)} fill="none" stroke="#333" strokeWidth="1.5" />
        {plan && <path d={step(plan, (c) => c.joint + c.migrated)} fill="none" stroke="#b35900" strokeWidth="2" strokeDasharray="5 3" />}
        <line x1={x(ms(at))} x2={x(ms(at))} y1={m.t} y2={H - m.b} stroke="#000" strokeDasharray="2 2" />
      </svg>
      <figcaption>
        <span className="legend">
          {done.map((s) => (
            <span key={s}>
              <span className="swatch" style={{ background: choiceColour('applicationStatus', s) }} aria-hidden="true" /> {choice('applicationStatus', s)}
            </span>
          ))}
          <span>
            <span className="swatch line" aria-hidden="true" /> {t('overview.scope')}
          </span>
          {plan && (
            <span>
              <span className="swatch dashed" aria-hidden="true" /> {t('overview.planLine')}
            </span>
          )}
          <span>
            {t('at')}: {date(at)}
          </span>
        </span>
      </figcaption>
    </figure>
  );
}

/** One row of the Gantt chart: an application, its wave's date, its blackouts. */
export interface GanttRow {
  readonly label: string;
  readonly wave: number;
  readonly date: string;
  readonly blackouts: { from: string; to: string; reason?: string | undefined }[];
}

/** Expands a blackout (`YYYY-MM-DD` or yearly `--MM-DD`) into intervals over [t0, t1]. */
function intervals(b: { from: string; to: string }, t0: number, t1: number): [number, number][] {
  if (!b.from.startsWith('--')) return [[ms(b.from), ms(b.to) + day]];
  const out: [number, number][] = [];
  for (let y = new Date(t0).getUTCFullYear() - 1; y <= new Date(t1).getUTCFullYear(); y++) {
    const a = ms(`${y}-${b.from.slice(2)}`);
    let e = ms(`${y}-${b.to.slice(2)}`) + day;
    if (e <= a) e = ms(`${y + 1}-${b.to.slice(2)}`) + day;
    out.push([a, e]);
  }
  return out;
}

/** Waves as a Gantt chart: per application the time until its wave, the cut-over day, and its blackouts hatched. */
export function Gantt({ rows, start }: { rows: GanttRow[]; start: string }) {
  const { t, date, month } = useI18n();
  if (rows.length === 0) return <p className="muted">{t('none')}</p>;
  const rowH = 22;
  const m = { l: 190, r: 16, t: 8, b: 26 };
  const W = 760;
  const H = m.t + m.b + rows.length * rowH;
  // A month and a half before the first wave: the blackouts that pushed waves later show.
  const t0 = Math.min(ms(start), ...rows.map((r) => ms(r.date))) - 45 * day;
  const t1 = Math.max(...rows.map((r) => ms(r.date))) + 30 * day;
  const x = (tm: number) => m.l + ((Math.min(Math.max(tm, t0), t1) - t0) / (t1 - t0)) * (W - m.l - m.r);
  const months: number[] = [];
  for (let d = new Date(t0); d.getTime() < t1; d = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1))) months.push(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1));
  const every = Math.max(1, Math.ceil(months.length / 8));
  return (
    <figure className="chart">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={t('plans.ganttLabel', { n: rows.length })}>
        <defs>
          <pattern id="hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
            <rect width="6" height="6" fill="#fde2e2" />
            <line x1="0" y1="0" x2="0" y2="6" stroke="#b00020" strokeWidth="2" />
          </pattern>
        </defs>
        {months
          .filter((mo, i) => i % every === 0 && x(mo) < W - m.r - 24)
          .map((mo) => (
            <g key={mo}>
              <line x1={x(mo)} x2={x(mo)} y1={m.t} y2={H - m.b} stroke="#e4e4e4" />
              <text x={x(mo)} y={H - 8} fontSize="10" textAnchor="middle" fill="#444">
                {month(mo)}
              </text>
            </g>
          ))}
        {rows.map((r, i) => {
          const y0 = m.t + i * rowH;
          return (
            <g key={r.label}>
              <text x={m.l - 6} y={y0 + 15} fontSize="11" textAnchor="end" fill="#222">
                {r.label}
              </text>
              {r.blackouts.flatMap((b, j) =>
                intervals(b, t0, t1)
                  .filter(([a, e]) => e > t0 && a < t1)
                  .map(([a, e], k) => (
                    <rect key={`${j}-${k}`} x={x(a)} y={y0 + 3} width={Math.max(1, x(e) - x(a))} height={rowH - 6} fill="url(#hatch)">
                      <title>{`${t('plans.blackout')}: ${b.from} – ${b.to}${b.reason ? ` (${b.reason})` : ''}`}</title>
                    </rect>
                  )),
              )}
              <rect x={x(ms(start))} y={y0 + 8} width={Math.max(0, x(ms(r.date)) - x(ms(start)))} height={rowH - 16} fill="#9ab8d8" />
              <rect x={x(ms(r.date)) - 5} y={y0 + 4} width="10" height={rowH - 8} fill="#0b4f8a">
                <title>{`${t('plans.wave')} ${r.wave}: ${date(r.date)}`}</title>
              </rect>
            </g>
          );
        })}
      </svg>
      <figcaption className="legend">
        <span>
          <span className="swatch" style={{ background: '#0b4f8a' }} aria-hidden="true" /> {t('plans.cutover')}
        </span>
        <span>
          <span className="swatch hatch" aria-hidden="true" /> {t('plans.blackout')}
        </span>
      </figcaption>
    </figure>
  );
}

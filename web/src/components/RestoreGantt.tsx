/**
 * The restore order as a Gantt chart (docs/continuity.md): per application the hours from the
 * disaster until it is useful again — down while it waits, the restore slot's end marked —
 * and its WAZ/RTO deadline as a red tick, so a miss shows as a bar running past its tick.
 */
import { useI18n } from '../i18n/index.js';
import type { ObjectOfKind, PlanReport } from '../../../src/contracts/index.js';

/** One application of the chart. */
export interface RestoreGanttRow {
  readonly id: string;
  /** Name first, id second. */
  readonly label: string;
  /** When its restore slot ends (null: it waits for dependencies only). */
  readonly restoredAt: string | null;
  /** When it is useful again (its whole dependency closure back). */
  readonly usefulAt: string;
  /** Its WAZ/RTO in hours after the disaster (the tightest of its usages' when known). */
  readonly rto_h: number | null;
}

const hour = 3_600_000;

/** Hour ticks: a step of 1, 2, 4, 6, 12, 24 … hours, at most ~10 ticks. */
function ticks(hours: number): number[] {
  const step = [1, 2, 4, 6, 12, 24, 48, 96, 168].find((s) => hours / s <= 10) ?? Math.ceil(hours / 10);
  const out: number[] = [];
  for (let h = 0; h <= hours; h += step) out.push(h);
  return out;
}

/** Restore steps per application over time, with each RTO deadline marked. */
export function RestoreGantt({ rows, start }: { rows: readonly RestoreGanttRow[]; start: string }) {
  const { t, number, dateTime } = useI18n();
  if (rows.length === 0) return <p className="muted">{t('none')}</p>;
  const t0 = Date.parse(start);
  const after = (iso: string) => (Date.parse(iso) - t0) / hour;
  const sorted = [...rows].sort((a, b) => after(a.usefulAt) - after(b.usefulAt) || (a.id < b.id ? -1 : 1));
  const rowH = 22;
  const m = { l: 260, r: 16, t: 8, b: 28 };
  const W = 820;
  const H = m.t + m.b + sorted.length * rowH;
  const span = Math.max(1, ...sorted.map((r) => after(r.usefulAt)), ...sorted.map((r) => r.rto_h ?? 0)) * 1.05;
  const x = (h: number) => m.l + (Math.max(0, h) / span) * (W - m.l - m.r);
  const missed = sorted.filter((r) => r.rto_h !== null && after(r.usefulAt) > r.rto_h).length;
  return (
    <figure className="chart">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={t('recovery.ganttLabel', { n: sorted.length, missed, start: dateTime(start) })}>
        {ticks(span).map((h) => (
          <g key={h}>
            <line x1={x(h)} x2={x(h)} y1={m.t} y2={H - m.b} stroke="#e4e4e4" />
            <text x={x(h)} y={H - 10} fontSize="10" textAnchor="middle" fill="#444">
              {t('recovery.hours', { h: number(h) })}
            </text>
          </g>
        ))}
        {sorted.map((r, i) => {
          const y0 = m.t + i * rowH;
          const useful = after(r.usefulAt);
          const late = r.rto_h !== null && useful > r.rto_h;
          return (
            <g key={r.id}>
              <text x={m.l - 6} y={y0 + 15} fontSize="11" textAnchor="end" fill="#222">
                {r.label.length > 42 ? `${r.label.slice(0, 41)}…` : r.label}
              </text>
              <rect x={x(0)} y={y0 + 8} width={Math.max(0, x(useful) - x(0))} height={rowH - 16} fill={late ? '#e8a0a0' : '#9ab8d8'} />
              {r.restoredAt !== null && (
                <rect x={x(after(r.restoredAt)) - 5} y={y0 + 4} width="10" height={rowH - 8} fill={late ? '#b00020' : '#0b4f8a'}>
                  <title>{`${r.label}: ${t('recovery.restoredAt', { at: dateTime(r.restoredAt), h: number(after(r.restoredAt), 1) })}`}</title>
                </rect>
              )}
              {r.rto_h !== null && (
                <line x1={x(r.rto_h)} x2={x(r.rto_h)} y1={y0 + 1} y2={y0 + rowH - 1} stroke="#b00020" strokeWidth="2" strokeDasharray="3 2">
                  <title>{`${r.label}: ${t('recovery.deadline', { h: number(r.rto_h, 2) })}`}</title>
                </line>
              )}
            </g>
          );
        })}
      </svg>
      <figcaption className="legend">
        <span>
          <span className="swatch" style={{ background: '#9ab8d8' }} aria-hidden="true" /> {t('recovery.legendDown')}
        </span>
        <span>
          <span className="swatch" style={{ background: '#0b4f8a' }} aria-hidden="true" /> {t('recovery.legendRestored')}
        </span>
        <span>
          <span className="swatch" style={{ background: '#e8a0a0' }} aria-hidden="true" /> {t('recovery.legendLate')}
        </span>
        <span>
          <span className="swatch dashed red" aria-hidden="true" /> {t('recovery.legendDeadline')}
        </span>
      </figcaption>
    </figure>
  );
}

/**
 * The rows of a restore plan as `plan restore` writes it (docs/continuity.md): its incident
 * takes the applications down, each step brings some back; the RTOs are the applications' own.
 */
export function restoreRows(r: PlanReport, apps: readonly (ObjectOfKind<'application'> & { recovery?: { rto_h?: number } })[]): RestoreGanttRow[] {
  const byId = new Map(apps.map((a) => [a.id, a]));
  const back = new Map<string, string>();
  for (const s of r.steps.slice(1)) for (const id of s.applications) if (!back.has(id)) back.set(id, s.date);
  return r.steps[0]!.applications.map((id) => {
    const a = byId.get(id);
    const at = back.get(id) ?? r.steps.at(-1)!.date;
    return { id, label: a?.name ? `${a.name} (${id})` : id, restoredAt: at, usefulAt: at, rto_h: a?.recovery?.rto_h ?? null };
  });
}

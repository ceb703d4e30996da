/** Plans: the waves of a plan as a Gantt chart with blackouts and per-wave verdicts (a restore plan: its restore steps against the RTOs); plan a move; accept or drop. */
import { useRef, useState, type FormEvent } from 'react';
import { useParam } from '../router.js';
import { ApiError, api } from '../api.js';
import { Gantt, type GanttRow } from '../components/charts.js';
import { RestoreGantt, restoreRows } from '../components/RestoreGantt.js';
import { Async, Badge, ErrorBox, Figure, IdList, TableHead, TextField } from '../components/common.js';
import { ConfirmDialog } from '../components/ConfirmDialog.js';
import { Computing } from '../components/Computing.js';
import { choiceColour, useI18n } from '../i18n/index.js';
import { canPlan, useApp, useLoad } from '../state.js';
import type { PlanStep, WavePlanRequest, WavePlanResult } from '../../../src/contracts/index.js';
import { useServerText } from '../serverText.js';

export function Plans() {
  const { t } = useI18n();
  const st = useServerText();
  const { user, plansVersion, plansChanged } = useApp();
  const plans = useLoad((s) => api.plans(s), [plansVersion]);
  const [chosen, setChosen] = useParam('show');
  const [solved, setSolved] = useState<WavePlanResult | null>(null);
  return (
    <>
      <h1>{t('plans.title')}</h1>
      <Async state={plans}>
        {(p) => (
          <label>
            {t('plans.choose')}{' '}
            <select value={chosen} onChange={(e) => setChosen(e.target.value)}>
              <option value="">–</option>
              {p.items.map((x) => (
                <option key={x.id} value={x.id}>
                  {x.id}: {st(x.text, x.title)}
                </option>
              ))}
            </select>
          </label>
        )}
      </Async>
      {solved && solved.plan === chosen && <Solution r={solved} />}
      {chosen && <PlanView key={chosen} id={chosen} onChanged={plansChanged} />}
      {canPlan(user) && (
        <WaveForm
          onPlanned={(r) => {
            plansChanged();
            setSolved(r);
            setChosen(r.plan);
          }}
        />
      )}
    </>
  );
}

function PlanView({ id, onChanged }: { id: string; onChanged: () => void }) {
  const { t, date, number, choice } = useI18n();
  const st = useServerText();
  const { user } = useApp();
  const report = useLoad((s) => api.plan(id, s), [id]);
  // The applications as they were when the plan starts (their blackouts), read once the report says when that is.
  const first = report.data?.steps[0]?.date;
  const apps = useLoad((s) => (first ? api.listAll('application', { at: first }, s) : Promise.resolve([])), [first]);
  const [error, setError] = useState<unknown>();
  const [message, setMessage] = useState('');
  // Accept and drop write at once for every wave: the dialog first names what will be written.
  const [asking, setAsking] = useState<'accept' | 'drop' | null>(null);
  const [backdate, setBackdate] = useState(false);
  const act = async (action: 'accept' | 'drop') => {
    setAsking(null);
    setError(undefined);
    try {
      const r = action === 'accept' ? await api.acceptPlan(id, backdate ? { backdate: true } : {}) : await api.dropPlan(id);
      const done = 'done' in r && r.done.length ? ` ${t('plans.backdated', { n: r.done.length })}` : '';
      setMessage(t(action === 'accept' ? 'plans.accepted' : 'plans.dropped', { n: ('scheduled' in r ? r.scheduled : r.cancelled).length }) + done);
      report.reload();
      onChanged();
    } catch (e) {
      setError(e);
    }
  };
  return (
    <Async state={report}>
      {(r) => {
        const blackouts = new Map((apps.data ?? []).map((a) => [a.id, a.blackouts ?? []]));
        const rows: GanttRow[] = r.steps.flatMap((s, w) => s.applications.map((a) => ({ label: a, wave: w + 1, date: s.date, blackouts: blackouts.get(a) ?? [] })));
        const proposed = r.steps.some((s) => s.status === 'proposed');
        return (
          <section aria-labelledby="h-plan">
            <h2 id="h-plan">
              {r.plan.id}: {st(r.plan.text, r.plan.title)}
            </h2>
            {r.plan.notes && <p className="muted">{st(r.plan.notesText, r.plan.notes)}</p>}
            {r.steps[0]?.changeset === `${r.plan.id}-incident` ? <RestoreGantt rows={restoreRows(r, apps.data ?? [])} start={r.steps[0].date} /> : <Gantt rows={rows} start={r.steps[0]?.date ?? ''} />}
            <table>
              <caption>{t('plans.steps')}</caption>
              <TableHead cols={[t('plans.wave'), t('object.title'), t('col.date'), t('col.status'), t('nav.applications'), { label: 'vCPU', num: true }, { label: t('plans.splits'), num: true }, t('col.verdict')]} />
              <tbody>
                {r.steps.map((s, i) => (
                  <tr key={s.changeset}>
                    <td>{number(i + 1)}</td>
                    <td>{st(s.text, s.title)}</td>
                    <td>{date(s.date)}</td>
                    <td>
                      <Badge colour={choiceColour('changeSetStatus', s.status)}>{choice('changeSetStatus', s.status)}</Badge>
                    </td>
                    <td>
                      <IdList ids={s.applications} />
                    </td>
                    <td className="num">{number(s.size.vcpu)}</td>
                    <td className="num">{number(s.splits.length)}</td>
                    <td className={s.verdict && (s.verdict.lostRedundancy || s.verdict.weakened) ? 'bad' : s.verdict?.regainedRedundancy ? 'good' : ''}>
                      {s.verdict
                        ? t('plans.verdict', {
                            redundant: number(s.verdict.redundant),
                            services: number(s.verdict.services),
                            gained: number(s.verdict.regainedRedundancy),
                            lost: number(s.verdict.lostRedundancy),
                            weakened: number(s.verdict.weakened),
                          })
                        : '–'}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            {r.steps.some((s) => s.placement.length > 0) && (
              <table>
                <caption>{t('plans.placement')}</caption>
                <TableHead cols={[t('col.date'), t('plans.application'), t('plans.leaves'), t('plans.placedOn')]} />
                <tbody>
                  {r.steps.flatMap((s) =>
                    s.placement.map((p) => (
                      <tr key={`${s.changeset} ${p.application}`}>
                        <td>{date(s.date)}</td>
                        <td>
                          <IdList ids={[p.application]} />
                        </td>
                        <td>
                          <IdList ids={p.from} />
                        </td>
                        <td>
                          <IdList ids={p.to} />
                        </td>
                      </tr>
                    )),
                  )}
                </tbody>
              </table>
            )}
            {canPlan(user) && proposed && (
              <div className="buttons">
                <button type="button" className="primary" onClick={() => (setBackdate(false), setAsking('accept'))}>
                  {t('plans.accept')}
                </button>
                <button type="button" onClick={() => setAsking('drop')}>
                  {t('plans.drop')}
                </button>
              </div>
            )}
            {asking && (
              <ConfirmDialog title={t(asking === 'accept' ? 'plans.confirmAccept' : 'plans.confirmDrop', { plan: r.plan.id })} confirm={t(asking === 'accept' ? 'plans.accept' : 'plans.drop')} onConfirm={() => void act(asking)} onCancel={() => setAsking(null)}>
                <WhatIsWritten steps={r.steps.filter((s) => s.status === 'proposed')} action={asking} backdate={backdate} setBackdate={user.role === 'operator' || user.role === 'admin' ? setBackdate : null} />
              </ConfirmDialog>
            )}
            <p role="status">{message}</p>
            <ErrorBox error={error} />
          </section>
        );
      }}
    </Async>
  );
}

/** The change sets that accept or drop will write, with their new status; past waves are marked. */
function WhatIsWritten({ steps, action, backdate, setBackdate }: { steps: readonly PlanStep[]; action: 'accept' | 'drop'; backdate: boolean; setBackdate: ((b: boolean) => void) | null }) {
  const { t, date, choice } = useI18n();
  const today = new Date().toISOString();
  const st = useServerText();
  const past = action === 'accept' ? steps.filter((s) => s.date < today) : [];
  const statusOf = (s: PlanStep) => (action === 'drop' ? 'cancelled' : s.date < today ? (backdate ? 'done' : null) : 'scheduled');
  return (
    <>
      <p>{t(action === 'accept' ? 'plans.acceptWrites' : 'plans.dropWrites', { n: steps.length })}</p>
      <ul>
        {steps.map((s) => {
          const to = statusOf(s);
          return (
            <li key={s.changeset}>
              {date(s.date)}: {st(s.text, s.title)} ({s.changeset}) → {to ? choice('changeSetStatus', to) : t('plans.inThePast')}
            </li>
          );
        })}
      </ul>
      {past.length > 0 &&
        (setBackdate ? (
          <label className="inline-check">
            <input type="checkbox" checked={backdate} onChange={(e) => setBackdate(e.target.checked)} /> {t('plans.backdate', { n: past.length })}
          </label>
        ) : (
          <p className="bad">{t('plans.pastRefused', { n: past.length })}</p>
        ))}
    </>
  );
}

const weekdays = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

function WaveForm({ onPlanned }: { onPlanned: (r: WavePlanResult) => void }) {
  const { t } = useI18n();
  const { at } = useApp();
  const [f, setF] = useState({ name: '', from: '', to: '', start: at, end: '', maxApps: '', maxVcpu: '', targetDevices: '', solver: 'mip', timeLimit: '10' });
  // The data centers at the first cut-over day: the move is planned on the estate then.
  const sitesAt = /^\d{4}-\d\d-\d\d$/.test(f.start) ? f.start : at;
  const sites = useLoad((s) => api.listAll('site', { at: sitesAt, type: 'datacenter' }, s), [sitesAt]);
  const [days, setDays] = useState<Set<string>>(new Set(['sat']));
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  // The solve runs up to the time limit: it can be cancelled (the request is aborted, and the server stops the solver).
  const solving = useRef<AbortController | null>(null);
  const set = (k: keyof typeof f) => (e: { target: { value: string } }) => setF({ ...f, [k]: e.target.value });
  const fieldError = (field: string) => (error instanceof ApiError ? error.details.filter((d) => d.field === field || d.field?.startsWith(`${field}.`) || d.path?.at(-1) === field).map((d) => d.message) : []);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    const ctl = new AbortController();
    solving.current = ctl;
    try {
      const body: WavePlanRequest = {
        name: f.name,
        from: f.from,
        to: f.to,
        start: f.start,
        days: weekdays.filter((d) => days.has(d)).join(','),
        solver: f.solver === 'greedy' ? 'greedy' : 'mip',
        timeLimit: Number(f.timeLimit),
        ...(f.end && { end: f.end }),
        ...(f.maxApps && { maxApps: Number(f.maxApps) }),
        ...(f.maxVcpu && { maxVcpu: Number(f.maxVcpu) }),
        ...(f.targetDevices.trim() && { targetDevices: f.targetDevices.split(',').map((d) => d.trim()).filter(Boolean) }),
      };
      onPlanned(await api.planWaves(body, ctl.signal));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const input = (k: keyof typeof f, label: string, props: Record<string, unknown> = {}) => <TextField name={k} label={label} value={f[k]} onChange={(v) => setF({ ...f, [k]: v })} errors={fieldError(k)} {...props} />;
  return (
    <section aria-labelledby="h-new-plan">
      <h2 id="h-new-plan">{t('plans.new')}</h2>
      <form className="grid-form" onSubmit={submit}>
        {input('name', t('plans.name'), { required: true, pattern: '[a-z0-9][a-z0-9._\\-]*' })}
        <Async state={sites}>
          {(list) => (
            <>
              {(['from', 'to'] as const).map((k) => (
                <label key={k}>
                  {t(`plans.${k}`)}
                  <select value={f[k]} onChange={set(k)} required name={k}>
                    <option value="">–</option>
                    {list.map((s) => (
                      <option key={s.id} value={s.id}>
                        {s.name ?? s.id}
                      </option>
                    ))}
                  </select>
                </label>
              ))}
            </>
          )}
        </Async>
        {input('start', t('plans.start'), { type: 'date', required: true })}
        {input('end', t('plans.end'), { type: 'date' })}
        <fieldset>
          <legend>{t('plans.days')}</legend>
          {weekdays.map((d) => (
            <label key={d} className="inline-check">
              <input
                type="checkbox"
                checked={days.has(d)}
                onChange={() =>
                  setDays((s) => {
                    const n = new Set(s);
                    if (n.has(d)) n.delete(d);
                    else n.add(d);
                    return n;
                  })
                }
              />{' '}
              {t(`day.${d}`)}
            </label>
          ))}
        </fieldset>
        {input('maxApps', t('plans.maxApps'), { type: 'number', min: 1 })}
        {input('maxVcpu', t('plans.maxVcpu'), { type: 'number', min: 1 })}
        {input('targetDevices', t('plans.targetDevices'))}
        <label>
          {t('plans.solver')}
          <select value={f.solver} onChange={set('solver')}>
            <option value="mip">{t('plans.mip')}</option>
            <option value="greedy">{t('plans.greedy')}</option>
          </select>
        </label>
        {input('timeLimit', t('plans.timeLimit'), { type: 'number', min: 1, max: 30 })}
        <div className="buttons">
          <button type="submit" className="primary" disabled={busy}>
            {busy ? t('plans.solving') : t('plans.run')}
          </button>
          {busy && <Computing label={t('plans.run')} onCancel={() => solving.current?.abort()} />}
        </div>
      </form>
      <ErrorBox error={error} />
    </section>
  );
}

/** How the planner solved the plan just computed: waves, end, split days, solver and its gap. */
function Solution({ r }: { r: WavePlanResult }) {
  const { t, number, date, percent } = useI18n();
  const st = useServerText();
  const how = r.solver === 'greedy' ? t('plans.howGreedy') : r.optimal ? t('plans.howOptimal') : t('plans.howGap', { gap: r.stages.map((s) => (s.gap === null ? '∞' : percent(s.gap))).join(' / ') });
  return (
    <div className="figures" role="status">
      <Figure label={t('plans.waves')} value={number(r.objective?.waves ?? 0)} note={`${t('plans.lastWave')}: ${date(r.objective?.end)}`} />
      <Figure label={t('plans.splitDays')} value={number(r.objective?.splitDays ?? 0)} note={r.greedy ? t('plans.greedyBeside', { days: number(r.greedy.splitDays) }) : undefined} />
      <Figure label={t('plans.solver')} value={how} note={t('plans.limits', { apps: r.limits.maxApps ?? '–', vcpu: r.limits.maxVcpu ?? '–' })} />
      {r.warnings.length > 0 && (
        <div className="warnings">
          <h3>{t('plans.warnings')}</h3>
          <ul>
            {(r.notices ?? r.warnings.map((message) => ({ code: '', params: {}, message }))).map((n, i) => (
              <li key={i} data-code={n.code}>
                {st(n.code ? n : null, n.message)}
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}

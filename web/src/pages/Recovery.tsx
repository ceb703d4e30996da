/**
 * Business continuity (docs/continuity.md): the applications' recovery targets (MTA, WAZ/RTO,
 * RPO, criticality) with what `check` flags against them, the failover tests, the report as
 * a download, and the restore order of a chosen disaster with its RTO misses and why.
 */
import { useId, useState, type FormEvent } from 'react';
import type { CheckReport as ContinuityCheck, ContinuityApplication as ContinuityApp, ObjectOfKind, RestorePlanRequest, RestorePlanResult as RestoreResult, TargetFlag } from '../../../src/contracts/index.js';
import { api } from '../api.js';
import { Async, Badge, ErrorBox, Figure, IdCell, IdList, TableHead, TextField } from '../components/common.js';
import { DateInput, TimeInput } from '../components/DateField.js';
import { ReportDownload } from '../components/ReportDownload.js';
import { RestoreGantt } from '../components/RestoreGantt.js';
import { choiceColour, useI18n, type Key } from '../i18n/index.js';
import { useApp, useLoad } from '../state.js';

/** An application with its BSI 200-4 parameters (the API passes them through). */
type RecoveryApp = ObjectOfKind<'application'> & { readonly recovery?: { mtd_h?: number; rto_h?: number; rpo_h?: number; emergency_level?: number; criticality?: string } };

const testColour: Record<ContinuityApp['status'], string> = { current: '#2ca02c', overdue: '#ff7f0e', never: '#7f7f7f', failed: '#c00000' };

export function Recovery() {
  const { t, date } = useI18n();
  const { at } = useApp();
  const apps = useLoad((s) => api.listAll('application', { at }, s) as Promise<RecoveryApp[]>, [at]);
  // The targets are judged on the baseline (a plan's view has none): the date only.
  const check = useLoad((s) => api.check({ at }, { form: 'summary', spofLimit: 0, targets: true }, s), [at]);
  return (
    <>
      <h1>{t('recovery.title', { date: date(at) })}</h1>
      <section aria-labelledby="h-report">
        <h2 id="h-report">{t('report.heading')}</h2>
        <ReportDownload />
      </section>
      <section aria-labelledby="h-targets">
        <h2 id="h-targets">{t('recovery.targets')}</h2>
        <Async state={apps}>{(list) => <Async state={check}>{(c) => <Targets apps={list} check={c} />}</Async>}</Async>
      </section>
      <section aria-labelledby="h-tests">
        <h2 id="h-tests">{t('recovery.tests')}</h2>
        <Async state={check}>{(c) => <FailoverTests tests={c.continuity.applications} />}</Async>
      </section>
      <section aria-labelledby="h-restore">
        <h2 id="h-restore">{t('recovery.restore')}</h2>
        <Async state={apps}>{(list) => <RestoreOrder apps={list} />}</Async>
      </section>
    </>
  );
}

/** Applications with recovery targets: MTA, WAZ/RTO, RPO, emergency level, criticality, and the flags of check. */
function Targets({ apps, check }: { apps: readonly RecoveryApp[]; check: ContinuityCheck }) {
  const { t, number, percent, choice } = useI18n();
  const targets = check.continuity.targets;
  const flags = new Map<string, TargetFlag[]>();
  for (const f of targets?.flags ?? []) flags.set(f.application, [...(flags.get(f.application) ?? []), f]);
  const rows = apps.filter((a) => a.recovery !== undefined || flags.has(a.id));
  const hours = (h: number | undefined) => (h === undefined ? '–' : number(h, 2));
  return (
    <>
      {targets?.scenario && (
        <p>
          {t(targets.scenario.chosen === 'given' ? 'recovery.scenarioGiven' : 'recovery.scenarioWorst')} <IdList ids={targets.scenario.fail} />
        </p>
      )}
      <div className="figures">
        <Figure label={t('recovery.flagged')} value={number(flags.size)} tone={flags.size ? 'bad' : 'good'} />
      </div>
      {rows.length === 0 ? (
        <p className="muted">{t('none')}</p>
      ) : (
        <table>
          <caption>{t('recovery.targetsTable')}</caption>
          <TableHead
            cols={[t('nav.applications'), t('field.criticality'), { label: t('recovery.mtd'), num: true }, { label: t('recovery.rto'), num: true }, { label: t('recovery.rpo'), num: true }, { label: t('recovery.emergency'), num: true }, t('recovery.verdict')]}
          />
          <tbody>
            {rows.map((a) => {
              const r = a.recovery ?? {};
              const own = flags.get(a.id) ?? [];
              return (
                <tr key={a.id}>
                  <IdCell id={a.id} />
                  <td>{r.criticality ? <Badge colour={choiceColour('criticality', r.criticality)}>{choice('criticality', r.criticality)}</Badge> : '–'}</td>
                  <td className="num">{hours(r.mtd_h)}</td>
                  <td className="num">{hours(r.rto_h)}</td>
                  <td className="num">{hours(r.rpo_h)}</td>
                  <td className="num">{r.emergency_level === undefined ? '–' : percent(r.emergency_level, 0)}</td>
                  <td className={own.length ? 'bad' : ''}>
                    {own.length === 0
                      ? t('recovery.met')
                      : own.map((f) => (
                          <div key={f.target}>
                            {f.target === 'rto'
                              ? t('recovery.rtoMissed', { wanted: number(f.wanted, 2), actual: number(f.actual, 2), why: t(`why.${f.why ?? 'capacity'}` as Key) })
                              : t('recovery.availabilityMissed', { wanted: percent(f.wanted, 3), actual: percent(f.actual, 3) })}
                          </div>
                        ))}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </>
  );
}

/** Failover tests per application: done (current), overdue, never tested, failed. */
function FailoverTests({ tests }: { tests: readonly ContinuityApp[] }) {
  const { t, date, choice, number } = useI18n();
  if (tests.length === 0) return <p className="muted">{t('none')}</p>;
  const count = (s: ContinuityApp['status']) => tests.filter((x) => x.status === s).length;
  return (
    <>
      <div className="figures">
        <Figure label={t('test.current')} value={number(count('current'))} tone="good" />
        <Figure label={t('test.overdue')} value={number(count('overdue'))} tone={count('overdue') ? 'bad' : 'good'} />
        <Figure label={t('test.never')} value={number(count('never'))} tone={count('never') ? 'bad' : 'good'} />
        <Figure label={t('test.failed')} value={number(count('failed'))} tone={count('failed') ? 'bad' : 'good'} />
      </div>
      <table>
        <caption>{t('recovery.testsTable')}</caption>
        <TableHead cols={[t('nav.applications'), t('recovery.lastTest'), t('recovery.mode'), t('recovery.result'), t('recovery.nextDue'), t('col.status')]} />
        <tbody>
          {tests.map((x) => (
            <tr key={x.application}>
              <IdCell id={x.application} />
              <td>{x.lastTest ? <>{date(x.lastTest.date)}{x.lastTest.id && <span className="muted"> ({x.lastTest.id})</span>}</> : '–'}</td>
              <td>{x.lastTest ? choice('failoverMode', x.lastTest.mode) : '–'}</td>
              <td>{x.lastTest ? <Badge colour={choiceColour('failoverResult', x.lastTest.result)}>{choice('failoverResult', x.lastTest.result)}</Badge> : '–'}</td>
              <td>{date(x.nextDue)}</td>
              <td>
                <Badge colour={testColour[x.status]}>{t(`test.${x.status}`)}</Badge>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

/** The restore order of a chosen disaster: a data center lost, or elements named. */
function RestoreOrder({ apps }: { apps: readonly RecoveryApp[] }) {
  const { t } = useI18n();
  const { at } = useApp();
  const sites = useLoad((s) => api.listAll('site', { at, type: 'datacenter' }, s), [at]);
  const [scenario, setScenario] = useState('');
  const [other, setOther] = useState('');
  const id = useId();
  const [startDay, setStartDay] = useState(at);
  const [startTime, setStartTime] = useState('08:00');
  const [slotHours, setSlotHours] = useState('1');
  const [shifts, setShifts] = useState('00-24');
  const [appsPerSlot, setAppsPerSlot] = useState('1');
  const [vcpuPerSlot, setVcpuPerSlot] = useState('');
  const [result, setResult] = useState<RestoreResult | null>(null);
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const fail = scenario === '*' ? other.split(/[\s,]+/).filter(Boolean) : scenario ? [scenario] : [];
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(undefined);
    setBusy(true);
    try {
      // The offset of the browser's time zone at that date: the shifts are local hours.
      const start = `${startDay}T${startTime}`;
      const local = new Date(start);
      const offset = -local.getTimezoneOffset();
      const sign = offset >= 0 ? '+' : '-';
      const pad = (n: number) => String(Math.floor(Math.abs(n))).padStart(2, '0');
      const body: RestorePlanRequest = {
        name: 'recovery-page',
        fail,
        start: `${start}:00${sign}${pad(offset / 60)}:${pad(offset % 60)}`,
        slotHours: Number(slotHours),
        shifts,
        ...(appsPerSlot && { appsPerSlot: Number(appsPerSlot) }),
        ...(vcpuPerSlot && { vcpuPerSlot: Number(vcpuPerSlot) }),
        dryRun: true,
      };
      setResult(await api.restorePlan(body));
    } catch (err) {
      setError(err);
      setResult(null);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <form className="stack" onSubmit={submit}>
        <Async state={sites}>
          {(list) => (
            <label>
              {t('recovery.scenario')}{' '}
              <select value={scenario} onChange={(e) => setScenario(e.target.value)} required>
                <option value="">–</option>
                {list.map((s) => (
                  <option key={s.id} value={s.id}>
                    {t('recovery.lossOf', { name: s.name ?? s.id, id: s.id })}
                  </option>
                ))}
                <option value="*">{t('recovery.otherScenario')}</option>
              </select>
            </label>
          )}
        </Async>
        {scenario === '*' && <TextField name="fail" label={t('recovery.failed')} value={other} onChange={setOther} required />}
        <fieldset className="inline-fields">
          <legend>{t('recovery.start')}</legend>
          <label htmlFor={`${id}-day`}>{t('recovery.startDay')}</label> <DateInput id={`${id}-day`} value={startDay} onChange={setStartDay} required />{' '}
          <label htmlFor={`${id}-time`}>{t('recovery.startTime')}</label> <TimeInput id={`${id}-time`} value={startTime} onChange={setStartTime} required />
        </fieldset>
        <TextField name="slotHours" label={t('recovery.slotHours')} value={slotHours} onChange={setSlotHours} inputMode="decimal" required />
        <TextField name="shifts" label={t('recovery.shifts')} value={shifts} onChange={setShifts} required />
        <TextField name="appsPerSlot" label={t('recovery.appsPerSlot')} value={appsPerSlot} onChange={setAppsPerSlot} inputMode="numeric" />
        <TextField name="vcpuPerSlot" label={t('recovery.vcpuPerSlot')} value={vcpuPerSlot} onChange={setVcpuPerSlot} inputMode="numeric" />
        <button type="submit" disabled={busy || fail.length === 0}>
          {busy ? t('recovery.computing') : t('recovery.compute')}
        </button>
      </form>
      {error !== undefined && <ErrorBox error={error} />}
      {result && <RestoreView r={result} apps={apps} />}
    </>
  );
}

/** The labels of applications: name first, id second. */
function labelOf(apps: readonly { id: string; name?: string | undefined }[]): (id: string) => string {
  const names = new Map(apps.map((a) => [a.id, a.name]));
  return (id) => (names.get(id) ? `${names.get(id)} (${id})` : id);
}

/** A restore order: how good it is known to be, the Gantt chart, the steps and the misses with why. */
export function RestoreView({ r, apps }: { r: RestoreResult; apps: readonly RecoveryApp[] }) {
  const { t, number, dateTime } = useI18n();
  const label = labelOf(apps);
  // The tightest deadline each application has to meet (its own, or a usage's missed one).
  const deadline = new Map(r.applications.map((a) => [a.id, a.rto_h]));
  for (const m of r.misses) {
    if (m.target !== 'rto') continue;
    const h = (Date.parse(m.deadline) - Date.parse(r.start)) / 3_600_000;
    deadline.set(m.application, Math.min(deadline.get(m.application) ?? Infinity, h));
  }
  const misses = r.misses.filter((m) => m.target === 'rto');
  return (
    <div role="region" aria-label={t('recovery.result')}>
      <div className="figures">
        <Figure label={t('recovery.affected')} value={number(r.applications.length)} />
        <Figure label={t('recovery.steps')} value={number(r.steps.length)} />
        <Figure label={t('recovery.misses')} value={number(misses.length)} tone={misses.length ? 'bad' : 'good'} />
        <Figure label={t('recovery.solver')} value={r.optimal ? t('recovery.optimal') : t('recovery.notProven')} note={r.solver === 'mip' ? t('recovery.mip') : t('recovery.greedy')} />
      </div>
      <RestoreGantt start={r.start} rows={r.applications.map((a) => ({ id: a.id, label: label(a.id), restoredAt: a.restoredAt, usefulAt: a.usefulAt, rto_h: deadline.get(a.id) ?? null }))} />
      <table>
        <caption>{t('recovery.stepsTable', { start: dateTime(r.start) })}</caption>
        <TableHead cols={[t('recovery.step'), t('col.date'), t('recovery.restored'), t('recovery.servedAgain'), { label: t('col.users'), num: true }]} />
        <tbody>
          {r.steps.map((s) => (
            <tr key={s.step}>
              <td>{number(s.step)}</td>
              <td>{dateTime(s.at)}</td>
              <td>{s.restored.length ? <IdList ids={s.restored} /> : t('recovery.dependenciesBack')}</td>
              <td>
                <IdList ids={[...new Set(s.served.map((x) => x.tenant))]} />
              </td>
              <td className="num">{number(s.served.reduce((n, x) => n + x.users, 0))}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {misses.length === 0 ? (
        <p className="good">{t('recovery.noMisses')}</p>
      ) : (
        <table>
          <caption>{t('recovery.missesTable')}</caption>
          <TableHead cols={[t('nav.applications'), t('recovery.tenant'), t('recovery.deadlineCol'), t('recovery.usefulAt'), t('recovery.why')]} />
          <tbody>
            {misses.map((m) => (
              <tr key={`${m.application} ${m.usage ?? ''}`}>
                <IdCell id={m.application} />
                <td>{m.tenant ? <IdList ids={[m.tenant]} /> : '–'}</td>
                <td>{dateTime(m.deadline)}</td>
                <td>{dateTime(m.usefulAt)}</td>
                <td>{t(`why.${m.why}` as Key)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

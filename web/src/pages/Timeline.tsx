/**
 * The timeline: a slider over the dates where the estate changes (baseline, and the plan's
 * proposed change sets when a plan is overlaid: GET /timeline); at each date its change sets
 * and the diff from the date before — both asked for that date alone, so a date costs what it
 * changed — and the verdicts that change, for the plan beside the baseline.
 */
import { useState } from 'react';
import { api } from '../api.js';
import { Async, Badge, Figure, IdCell, OnDemand, TableHead } from '../components/common.js';
import { choiceColour, useI18n } from '../i18n/index.js';
import { useApp, useLarge, useLoad, useOnDemand } from '../state.js';
import { NetboxSync } from '../components/NetboxSync.js';
import { DiffList } from '../components/DiffList.js';
import { inView } from '../../../src/model/changeSetStatuses.js';
import { ServerTitle } from '../components/ServerTitle.js';

export function Timeline() {
  const { t } = useI18n();
  const { plan, user } = useApp();
  // Only the dates: the change sets are asked for one date at a time (a long history has thousands).
  const dates = useLoad((s) => api.timeline(plan || undefined, s), [plan]);
  return (
    <>
      <h1>{t('timeline.title')}</h1>
      <Async state={dates}>{(d) => <TimelineView key={`${plan} ${d.dates.length}`} dates={d.dates.map((x) => x.at)} />}</Async>
      {(user.role === 'operator' || user.role === 'admin') && <NetboxSync onWritten={dates.reload} />}
    </>
  );
}

/** The verdicts of the baseline and, with a plan, of the plan: at once on small estates, on request on large ones. */
function useVerdicts(plan: string) {
  const large = useLarge();
  const base = useOnDemand((s) => api.timelineCheck(undefined, s), [], large);
  const overlay = useOnDemand((s) => (plan ? api.timelineCheck(plan, s) : Promise.resolve(null)), [plan], large);
  return { base, overlay, ask: () => (base.ask(), overlay.ask()), cancel: () => (base.cancel(), overlay.cancel()) };
}

/** The dates where the view changes (the baseline's change sets, and the plan's proposed ones), in time order. */
function TimelineView({ dates }: { dates: string[] }) {
  const { t, date, number } = useI18n();
  const { at, setAt, plan } = useApp();
  const initial = Math.max(0, dates.findLastIndex((d) => d.slice(0, 10) <= at));
  const [i, setI] = useState(initial);
  const current = dates[i];
  const prev = i > 0 ? dates[i - 1] : undefined;
  // The change sets of this date (of the view: the plan's proposed ones, not another plan's).
  const changesets = useLoad(
    async (s) => (current ? (await api.changesets({ effective: current, limit: 1000 }, s)).items.filter((h) => inView(h, plan || undefined)) : []),
    [current, plan],
  );
  // Only this date's change: the server reads the objects it touched.
  const diff = useLoad((s) => (current && prev ? api.diff({ from: prev, to: current, plan: plan || undefined }, s) : Promise.resolve(null)), [current, prev, plan]);
  const verdicts = useVerdicts(plan);
  const checked = plan ? verdicts.overlay.data : verdicts.base.data;
  const step = checked?.steps.find((s) => s.at === current);
  const baseStep = [...(verdicts.base.data?.steps ?? [])].reverse().find((s) => current !== undefined && s.at <= current);
  if (!current) return <p className="muted">{t('none')}</p>;
  return (
    <>
      <div className="slider">
        <label htmlFor="tl-slider">{t('timeline.slider')}</label>
        <input
          id="tl-slider"
          type="range"
          min={0}
          max={dates.length - 1}
          value={i}
          aria-valuetext={date(current)}
          list="tl-ticks"
          onChange={(e) => setI(Number(e.target.value))}
        />
        <datalist id="tl-ticks">
          {dates.map((d, k) => (
            <option key={d} value={k} label={date(d)} />
          ))}
        </datalist>
        <output htmlFor="tl-slider">
          <strong>{date(current)}</strong> ({number(i + 1)} / {number(dates.length)})
        </output>
        <button type="button" onClick={() => setAt(current.slice(0, 10))}>
          {t('timeline.useDate')}
        </button>
      </div>
      {step && (
        <div className="figures">
          <Figure label={t('timeline.redundant')} value={`${number(step.redundant)} / ${number(step.services)}`} note={plan && baseStep ? `${t('timeline.baseline')}: ${number(baseStep.redundant)} / ${number(baseStep.services)}` : undefined} />
        </div>
      )}
      <section aria-labelledby="h-cs">
        <h2 id="h-cs">{t('timeline.changesets')}</h2>
        <Async state={changesets}>
          {(list) => (
            <ul className="compact">
              {list.map((c) => (
                <li key={c.id}>
                  <Badge colour={choiceColour('changeSetStatus', c.status)}><ServerTitle of={c} /></Badge> <span className="muted">({c.id}{c.plan ? `, ${t('plan')} ${c.plan}` : ''})</span>
                </li>
              ))}
            </ul>
          )}
        </Async>
      </section>
      <section aria-labelledby="h-verdicts">
        <h2 id="h-verdicts">{t('timeline.verdicts')}</h2>
        <OnDemand state={{ ...(plan ? verdicts.overlay : verdicts.base), ask: verdicts.ask, cancel: verdicts.cancel }} label={t('onDemand.verdicts')}>{() => null}</OnDemand>
        {!step ? null : step.lostRedundancy.length + step.regainedRedundancy.length + step.weakened.length + step.strengthened.length === 0 ? (
          <p className="muted">{t('timeline.noVerdictChange')}</p>
        ) : (
          <table>
            <TableHead cols={[t('timeline.change'), t('col.municipality'), t('col.application'), t('col.site')]} />
            <tbody>
              {(
                [
                  ['lost', step.lostRedundancy],
                  ['weakened', step.weakened],
                  ['regained', step.regainedRedundancy],
                  ['strengthened', step.strengthened],
                ] as const
              ).flatMap(([kind, list]) =>
                list.slice(0, 40).map((s) => (
                  <tr key={`${kind}-${s.usage}-${s.site}`}>
                    <td className={kind === 'lost' || kind === 'weakened' ? 'bad' : 'good'}>{t(`timeline.${kind}`)}</td>
                    <IdCell id={s.tenant} />
                    <IdCell id={s.application} />
                    <IdCell id={s.site} />
                  </tr>
                )),
              )}
            </tbody>
          </table>
        )}
      </section>
      <section aria-labelledby="h-diff">
        <h2 id="h-diff">{t('timeline.diff', { from: prev ? date(prev) : '–' })}</h2>
        <Async state={diff}>
          {(d) =>
            !d ? (
              <p className="muted">{t('timeline.first')}</p>
            ) : (
              <DiffList diff={d} />
            )
          }
        </Async>
      </section>
    </>
  );
}

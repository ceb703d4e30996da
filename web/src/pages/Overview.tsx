/** Overview at the chosen date: redundant / georedundant services, SPOFs and accepted risks, applications by status, availability, progress, next change sets. */
import { get, getAll, type Page } from '../api.js';
import { BurnUp } from '../components/charts.js';
import { Async, Badge, Figure, IdCell, ObjLink, OnDemand, TableHead } from '../components/common.js';
import { choiceColour, choices, useI18n } from '../i18n/index.js';
import { useApp, useLarge, useLoad, useOnDemand } from '../state.js';
import type { Application, Availability, ChangeSetHeader, Check, Progress, Spof } from '../types.js';
import { ServerTitle } from '../components/ServerTitle.js';

export function Overview() {
  const { t, number, percent, choice, date } = useI18n();
  const { at, plan } = useApp();
  const view = { at, plan };
  // The summary form: the counts and the SPOFs that break the most (enough for every accepted
  // risk; the table shows the first 12), no service lists.
  const large = useLarge();
  const check = useOnDemand((s) => get<Check>('/check', { ...view, form: 'summary', spofLimit: 1000 }, s), [at, plan], large);
  const apps = useLoad((s) => getAll<Application>('/applications', view, s), [at, plan]);
  const avail = useOnDemand((s) => get<Availability>('/availability', { ...view, maxOrder: 2 }, s), [at, plan], large);
  const progress = useLoad((s) => get<Progress>('/progress', { plan }, s), [plan]);
  const next = useLoad((s) => get<Page<ChangeSetHeader>>('/changesets', { status: 'scheduled', limit: 1000 }, s), []);
  return (
    <>
      <h1>{t('overview.title', { date: date(at) })}</h1>
      <section aria-labelledby="h-resilience">
        <h2 id="h-resilience">{t('overview.resilience')}</h2>
        <OnDemand state={check} label={t('onDemand.check')}>
          {(c) => <Resilience c={c} />}
        </OnDemand>
      </section>
      <div className="columns">
        <section aria-labelledby="h-apps">
          <h2 id="h-apps">{t('overview.byStatus')}</h2>
          <Async state={apps}>
            {(list) => {
              const count = new Map<string, number>();
              for (const a of list) count.set(a.status ?? 'legacy', (count.get(a.status ?? 'legacy') ?? 0) + 1);
              const max = Math.max(1, ...count.values());
              return (
                <table className="bars">
                  <caption className="sr-only">{t('overview.byStatus')}</caption>
                  <tbody>
                    {choices.applicationStatus.map((s) => (
                      <tr key={s.value}>
                        <th scope="row">
                          <Badge colour={s.colour}>{choice('applicationStatus', s.value)}</Badge>
                        </th>
                        <td className="num">{number(count.get(s.value) ?? 0)}</td>
                        <td className="bar-cell" aria-hidden="true">
                          <span className="bar" style={{ width: `${((count.get(s.value) ?? 0) / max) * 100}%`, background: choiceColour('applicationStatus', s.value) }} />
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              );
            }}
          </Async>
        </section>
        <section aria-labelledby="h-avail">
          <h2 id="h-avail">{t('overview.availability')}</h2>
          <OnDemand state={avail} label={t('onDemand.availability')}>
            {(a) => (
              <>
                <div className="figures">
                  <Figure label={t('overview.misses')} value={`${number(a.summary.misses)} / ${number(a.summary.services)}`} tone={a.summary.misses ? 'bad' : 'good'} />
                </div>
                {a.summary.misses > 0 && (
                  <ul className="compact">
                    {a.services
                      .filter((s) => s.meetsTarget === false)
                      .slice(0, 8)
                      .map((s) => (
                        <li key={`${s.usage}-${s.site}`}>
                          <ObjLink id={s.application} /> @ <ObjLink id={s.site} />: {percent(s.availability, 3)} &lt; {percent(s.target ?? 0, 3)}
                        </li>
                      ))}
                  </ul>
                )}
              </>
            )}
          </OnDemand>
        </section>
      </div>
      <section aria-labelledby="h-progress">
        <h2 id="h-progress">{t('overview.progress')}</h2>
        <Async state={progress}>{(p) => <BurnUp points={p.dates} plan={p.plan?.dates} at={at} />}</Async>
      </section>
      <section aria-labelledby="h-next">
        <h2 id="h-next">{t('overview.next')}</h2>
        <Async state={next}>
          {(p) => {
            const upcoming = p.items.filter((c) => c.effectiveKey.slice(0, 10) > at).sort((a, b) => (a.effectiveKey < b.effectiveKey ? -1 : 1)).slice(0, 6);
            const overdue = p.items.filter((c) => c.overdue);
            return (
              <>
                {upcoming.length === 0 ? (
                  <p className="muted">{t('none')}</p>
                ) : (
                  <ul className="compact">
                    {upcoming.map((c) => (
                      <li key={c.id}>
                        <time dateTime={c.effectiveKey}>{date(c.effectiveKey)}</time> – <ServerTitle of={c} /> <span className="muted">({c.id})</span>
                      </li>
                    ))}
                  </ul>
                )}
                {overdue.length > 0 && (
                  <p className="error">{t('overview.overdue', { n: overdue.length, ids: overdue.map((c) => c.id).join(', ') })}</p>
                )}
              </>
            );
          }}
        </Async>
      </section>
    </>
  );
}

/** Services redundant and georedundant, services down, the largest SPOFs (open or accepted) and the accepted risks. */
function Resilience({ c }: { c: Check }) {
  const { t, number, percent } = useI18n();
  const share = (k: number) => (c.summary.services ? percent(k / c.summary.services) : '–');
  return (
    <>
      <div className="figures">
        <Figure
          label={t('overview.redundant')}
          value={`${number(c.summary.redundant)} / ${number(c.summary.services)}`}
          note={share(c.summary.redundant)}
          tone={c.summary.redundant === c.summary.services ? 'good' : 'bad'}
        />
        <Figure
          label={t('overview.georedundant')}
          value={`${number(c.summary.georedundant)} / ${number(c.summary.services)}`}
          note={share(c.summary.georedundant)}
          tone={c.summary.georedundant === c.summary.services ? 'good' : 'bad'}
        />
        <Figure label={t('overview.down')} value={number(c.summary.down)} tone={c.summary.down ? 'bad' : 'good'} />
        <Figure
          label={t('overview.spofs')}
          value={number(c.page.spofs.total)}
          note={t('overview.spofCounts', { open: number(c.summary.open), accepted: number(c.summary.accepted) })}
          tone={c.summary.open ? 'bad' : 'good'}
        />
      </div>
      <AcceptedRisks spofs={c.spofs} />
      {c.spofs.length > 0 && (
        <table>
          <caption>{t('overview.spofTable')}</caption>
          <TableHead cols={[t('col.element'), t('col.kind'), t('col.gap'), t('col.status'), { label: t('col.services'), num: true }, { label: t('col.tenants'), num: true }, { label: t('col.users'), num: true }]} />
          <tbody>
            {c.spofs.slice(0, 12).map((s) => (
              <tr key={s.element}>
                <IdCell id={s.element} />
                <td>{t(`kind.${s.kind}` as 'kind.site')}</td>
                <td>{t(`gap.${s.gap}`)}</td>
                <td>{s.status === 'accepted' ? <Badge colour="#1f77b4">{t('spof.accepted')}</Badge> : <Badge colour="#ff7f0e">{t('spof.open')}</Badge>}</td>
                <td className="num">{number(s.broken)}</td>
                <td className="num">{number(s.tenants.length)}</td>
                <td className="num">{number(s.tenants.reduce((n, x) => n + x.users, 0))}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

/** The SPOFs with an acceptance: who accepted what, why, and until when (overdue ones are open again). */
export function AcceptedRisks({ spofs, heading = 'overview.accepted' }: { spofs: readonly Spof[]; heading?: 'overview.accepted' | 'muni.accepted' }) {
  const { t, date } = useI18n();
  const accepted = spofs.filter((s) => s.acceptance !== null);
  if (accepted.length === 0) return null;
  return (
    <>
      <h3>{t(heading)}</h3>
      <ul className="compact">
        {accepted.map((s) => {
          const a = s.acceptance!;
          return (
            <li key={s.element}>
              <ObjLink id={s.element} /> ({t(`gap.${s.gap}`)}): {t('risk.accepted', { who: a.acceptedBy, date: date(a.acceptedOn), review: date(a.reviewBy) })}
              {a.expired && (
                <>
                  {' '}
                  <Badge colour="#c00000">{t('risk.overdue')}</Badge>
                </>
              )}
              <br />
              <span className="muted">{a.reason}</span>
            </li>
          );
        })}
      </ul>
    </>
  );
}

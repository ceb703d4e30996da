/** Per organization: what it uses from where, its verdicts and availability. A tenant sees only its own. */
import { Link, useParam } from '../router.js';
import { api } from '../api.js';
import { Async, Badge, Figure, IdCell, IdList, OnDemand, TableHead } from '../components/common.js';
import { useI18n } from '../i18n/index.js';
import { useApp, useLarge, useLoad, useOnDemand } from '../state.js';
import { AcceptedRisks } from './Overview.js';
import { ReportDownload } from '../components/ReportDownload.js';
import { servicePath } from './ServiceView.js';
import { useNames } from '../useNames.js';
import type { AvailabilityResult as Availability, ServiceOut as CheckService, ServiceRef as Service } from '../../../src/contracts/index.js';

export function Municipalities() {
  const { t } = useI18n();
  const { at, plan, user } = useApp();
  // The organizations that use applications, by name (the server knows them without sending every usage).
  // A tenant chooses nothing: its own organization is the page.
  const orgs = useLoad(async (s) => (user.tenant ? [] : (await api.tenants({ at, plan }, s)).items), [at, plan, user.tenant]);
  const [chosen, setChosen] = useParam('org');
  const org = user.tenant ?? chosen;
  return (
    <>
      <h1>{user.tenant ? t('muni.own') : t('muni.title')}</h1>
      {/* A tenant's report holds its own services only (the API scopes it); staff download theirs on the recovery page. */}
      {user.tenant && <ReportDownload />}
      <Async state={orgs}>
        {(list) => (
          <>
            {!user.tenant && (
              <label>
                {t('muni.choose')}{' '}
                <select value={chosen} onChange={(e) => setChosen(e.target.value)}>
                  <option value="">–</option>
                  {list.map((o) => (
                    <option key={o.id} value={o.id}>
                      {o.name ?? o.id}
                    </option>
                  ))}
                </select>
              </label>
            )}
          </>
        )}
      </Async>
      {/* One municipality's page does not wait for the list of all (on the state preset: every usage of the estate). */}
      {org && <Organization id={org} />}
    </>
  );
}

function Organization({ id }: { id: string }) {
  const name = useNames([id]).get(id) ?? id;
  const { t, number } = useI18n();
  const { at, plan } = useApp();
  const view = { at, plan };
  // On a large estate the verdicts need the whole estate's check: only on request.
  const large = useLarge();
  const usages = useLoad((s) => api.listAll('usage', { ...view, tenant: id }, s), [id, at, plan]);
  // Only this municipality's services and the SPOFs that break them (the server analyses just them), every one.
  const check = useOnDemand(
    (s) => api.check(view, { tenant: id, limit: 10_000, spofLimit: 10_000, breaksLimit: 0 }, s).then((c) => ({ services: c.services, spofs: c.spofs })),
    [id, at, plan],
    large,
  );
  const avail = useOnDemand((s) => api.availability(view, { tenant: id, maxOrder: 2 }, s), [id, at, plan], large);
  return (
    <section aria-labelledby="h-org">
      <h2 id="h-org">{name}</h2>
      <Async state={usages}>
        {(list) => {
          // One row per service (usage × site); verdicts and availability fill in as they arrive.
          const rows = check.data?.services ?? list.flatMap((u) => (u.sites ?? []).map((site) => ({ usage: u.id, tenant: id, application: u.application, site, users: u.users ?? 0 })));
          const redundant = check.data?.services.filter((s) => s.redundant).length;
          const georedundant = check.data?.services.filter((s) => s.georedundant).length;
          return (
            <>
              <div className="figures">
                <Figure label={t('muni.usages')} value={number(list.length)} />
                {redundant !== undefined && <Figure label={t('overview.redundant')} value={`${number(redundant)} / ${number(rows.length)}`} tone={redundant === rows.length ? 'good' : 'bad'} />}
                {georedundant !== undefined && <Figure label={t('overview.georedundant')} value={`${number(georedundant)} / ${number(rows.length)}`} tone={georedundant === rows.length ? 'good' : 'bad'} />}
                {avail.data && <Figure label={t('overview.misses')} value={number(avail.data.summary.misses)} tone={avail.data.summary.misses ? 'bad' : 'good'} />}
              </div>
              <OnDemand state={check} label={t('onDemand.check')}>{(c) => <AcceptedRisks spofs={c.spofs} heading="muni.accepted" />}</OnDemand>
              <OnDemand state={avail} label={t('onDemand.availability')}>{() => null}</OnDemand>
              <ServiceTable rows={rows} avail={avail.data ?? null} />
            </>
          );
        }}
      </Async>
    </section>
  );
}

/** A service's verdicts: down, or redundant or not, and georedundant or not. */
function Verdict({ s }: { s: Partial<CheckService> }) {
  const { t } = useI18n();
  if (s.up === undefined) return <>–</>;
  if (!s.up) return <Badge colour="#c00000">{t('verdict.down')}</Badge>;
  return (
    <>
      {s.redundant ? <Badge colour="#2ca02c">{t('verdict.redundant')}</Badge> : <Badge colour="#ff7f0e">{t('verdict.notRedundant')}</Badge>}
      {s.georedundant && (
        <>
          {' '}
          <Badge colour="#17becf">{t('verdict.georedundant')}</Badge>
        </>
      )}
    </>
  );
}

/** The services of an organization: verdict and breakers (when checked), availability (when computed). */
function ServiceTable({ rows, avail }: { rows: (Service & Partial<CheckService>)[]; avail: Availability | null }) {
  const { t, number, percent } = useI18n();
  return (
    <table>
      <caption>{t('muni.services')}</caption>
      <TableHead cols={[t('col.application'), t('col.site'), { label: t('col.users'), num: true }, t('col.verdict'), t('service.open'), t('col.breakers'), { label: t('col.availability'), num: true }, { label: t('col.downtime'), num: true }]} />
      <tbody>
        {rows.map((s) => {
          const a = avail?.services.find((x) => x.usage === s.usage && x.site === s.site);
          return (
            <tr key={`${s.usage}-${s.site}`}>
              <IdCell id={s.application} />
              <IdCell id={s.site} />
              <td className="num">{number(s.users)}</td>
              <td>
                <Verdict s={s} />
              </td>
              <td>
                <Link to={servicePath(s.site, s.application)}>{t('service.open')}</Link>
              </td>
              <td>
                {s.breakers && <IdList ids={s.breakers.slice(0, 4).map((b) => b.id)} />}
                {s.breakers && s.breakers.length > 4 && ` +${s.breakers.length - 4}`}
              </td>
              <td className={`num ${a?.meetsTarget === false ? 'bad' : ''}`}>{a ? percent(a.availability, 3) : '–'}</td>
              <td className="num">{a ? number(a.downtimeMinutesPerYear) : '–'}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

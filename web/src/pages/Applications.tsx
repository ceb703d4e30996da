/** The portfolio: every application with its instances, sites, tenants and availability vs target; filters; joint-operation candidates. */
import { useMemo, useState } from 'react';
import { useParam } from '../router.js';
import type { ApplyJointResult as JointApplied, AvailabilityResult as Availability, JointCandidatesReport, ObjectOfKind } from '../../../src/contracts/index.js';
import { api } from '../api.js';
import { Async, Badge, ErrorBox, IdCell, IdList, ObjLink, OnDemand, TableHead, TextField, type Sort } from '../components/common.js';
import { ConfirmDialog } from '../components/ConfirmDialog.js';
import { choiceColour, choices, useI18n } from '../i18n/index.js';
import { canPlan, LARGE_ESTATE, useApp, useLoad, useOnDemand } from '../state.js';

type Application = ObjectOfKind<'application'>;
type Device = ObjectOfKind<'device'>;
type Usage = ObjectOfKind<'usage'>;
/** A candidate with the plans that consolidate an application of it already. */
type JointCandidate = JointCandidatesReport['candidates'][number];

export function Applications() {
  const { t } = useI18n();
  const { at, plan } = useApp();
  const view = { at, plan };
  const data = useLoad(
    async (s) => {
      const [apps, usages, devices] = await Promise.all([api.listAll('application', view, s), api.listAll('usage', view, s), api.listAll('device', { ...view, role: 'server,cluster,storage,other' }, s)]);
      return { apps, usages, devices };
    },
    [at, plan],
  );
  const avail = useOnDemand((s) => api.availability(view, { maxOrder: 2 }, s), [at, plan], data.data && data.data.usages.length > LARGE_ESTATE);
  const joint = useLoad((s) => api.joint(view, s), [at, plan]);
  return (
    <>
      <h1>{t('apps.title')}</h1>
      <OnDemand state={avail} label={t('onDemand.availability')}>{() => null}</OnDemand>
      <Async state={data}>{(d) => <Portfolio {...d} avail={avail.data ?? undefined} />}</Async>
      <section aria-labelledby="h-joint">
        <h2 id="h-joint">{t('apps.joint')}</h2>
        <Async state={joint}>{(j) => <Joint candidates={j.candidates} />}</Async>
      </section>
    </>
  );
}

function Portfolio({ apps, usages, devices, avail }: { apps: Application[]; usages: Usage[]; devices: Device[]; avail: Availability | undefined }) {
  const { t, choice, percent, number, lang } = useI18n();
  const [q, setQ] = useParam('q');
  const [category, setCategory] = useParam('category');
  const [status, setStatus] = useParam('status');
  const [product, setProduct] = useParam('product');
  const siteOf = useMemo(() => new Map(devices.map((d) => [d.id, d.site])), [devices]);
  const tenantsOf = useMemo(() => {
    const m = new Map<string, Set<string>>();
    for (const u of usages) (m.get(u.application) ?? m.set(u.application, new Set()).get(u.application)!).add(u.tenant);
    return m;
  }, [usages]);
  const worst = useMemo(() => {
    const m = new Map<string, number>();
    for (const s of avail?.services ?? []) m.set(s.application, Math.min(m.get(s.application) ?? 1, s.availability));
    return m;
  }, [avail]);
  const categories = [...new Set(apps.map((a) => a.category).filter(Boolean))].sort() as string[];
  const products = [...new Set(apps.map((a) => a.product).filter(Boolean))].sort() as string[];
  const [sort, setSort] = useState<Sort>({ key: 'name', dir: 'ascending' });
  const needle = q.trim().toLowerCase();
  const shown = apps.filter(
    (a) =>
      (!needle || a.id.includes(needle) || (a.name ?? '').toLowerCase().includes(needle) || (a.product ?? '').toLowerCase().includes(needle)) &&
      (!category || a.category === category) &&
      (!status || (a.status ?? 'legacy') === status) &&
      (!product || a.product === product),
  );
  const keyOf = (a: Application): string | number => {
    switch (sort.key) {
      case 'tenants':
        return tenantsOf.get(a.id)?.size ?? 0;
      case 'availability':
        return worst.get(a.id) ?? -1;
      case 'target':
        return a.target_availability ?? -1;
      case 'status':
        return choice('applicationStatus', a.status ?? 'legacy');
      case 'name':
        return a.name ?? a.id;
      default:
        return String(a[sort.key] ?? '');
    }
  };
  const collator = new Intl.Collator(lang);
  shown.sort((x, y) => {
    const [a, b] = [keyOf(x), keyOf(y)];
    const c = typeof a === 'number' && typeof b === 'number' ? a - b : collator.compare(String(a), String(b));
    return sort.dir === 'ascending' ? c : -c;
  });
  return (
    <section aria-labelledby="h-portfolio">
      <h2 id="h-portfolio" className="sr-only">
        {t('apps.portfolio')}
      </h2>
      <form className="filters" role="search" onSubmit={(e) => e.preventDefault()}>
        <label>
          {t('search')} <input type="search" value={q} onChange={(e) => setQ(e.target.value)} />
        </label>
        <FilterSelect label={t('col.category')} value={category} onChange={setCategory} options={categories} />
        <FilterSelect label={t('col.product')} value={product} onChange={setProduct} options={products} />
        <label>
          {t('col.status')}{' '}
          <select value={status} onChange={(e) => setStatus(e.target.value)}>
            <option value="">{t('all')}</option>
            {choices.applicationStatus.map((c) => (
              <option key={c.value} value={c.value}>
                {choice('applicationStatus', c.value)}
              </option>
            ))}
          </select>
        </label>
        <span role="status">{t('apps.shown', { n: number(shown.length), total: number(apps.length) })}</span>
      </form>
      <div className="table-wrap">
        <table>
          <TableHead
            cols={[
              { label: t('col.application'), sort: 'name' },
              { label: t('col.category'), sort: 'category' },
              { label: t('col.product'), sort: 'product' },
              { label: t('col.operator'), sort: 'operator' },
              { label: t('col.status'), sort: 'status' },
              t('col.instances'),
              t('col.sites'),
              { label: t('col.tenants'), num: true, sort: 'tenants' },
              { label: t('col.availability'), num: true, sort: 'availability' },
              { label: t('col.target'), num: true, sort: 'target' },
            ]}
            sort={sort}
            onSort={setSort}
          />
          <tbody>
            {shown.map((a) => {
              const w = worst.get(a.id);
              const miss = w !== undefined && a.target_availability !== undefined && w < a.target_availability;
              return (
                <tr key={a.id}>
                  <IdCell id={a.id} label={a.name ?? a.id} />
                  <td>{a.category ?? '–'}</td>
                  <td>{a.product ?? '–'}</td>
                  <td>{a.operator ? <ObjLink id={a.operator} /> : '–'}</td>
                  <td>
                    <Badge colour={choiceColour('applicationStatus', a.status ?? 'legacy')}>{choice('applicationStatus', a.status ?? 'legacy')}</Badge>
                  </td>
                  <td>{(a.instances ?? []).join(', ')}</td>
                  <td>{[...new Set((a.instances ?? []).map((i) => siteOf.get(i) ?? '?'))].join(', ')}</td>
                  <td className="num">{number(tenantsOf.get(a.id)?.size ?? 0)}</td>
                  <td className={`num ${miss ? 'bad' : ''}`}>{w === undefined ? '–' : percent(w, 3)}</td>
                  <td className="num">{a.target_availability === undefined ? '–' : percent(a.target_availability, 3)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function Joint({ candidates }: { candidates: JointCandidate[] }) {
  const { t, number } = useI18n();
  const { user, plansChanged } = useApp();
  const [message, setMessage] = useState('');
  const [asking, setAsking] = useState<string | null>(null);
  if (candidates.length === 0) return <p className="muted">{t('none')}</p>;
  return (
    <>
      <table>
        <TableHead cols={[t('col.product'), t('nav.applications'), t('col.operator'), { label: t('col.users'), num: true }, t('apps.keep'), { label: t('apps.frees'), num: true }, t('apps.inPlan'), canPlan(user) && { label: t('col.action'), hidden: true }]} />
        <tbody>
          {candidates.map((c) => (
            <tr key={c.product}>
              <td>{c.product}</td>
              <td>
                <IdList ids={c.applications.map((a) => a.id)} />
              </td>
              <td>{c.operators.join(', ')}</td>
              <td className="num">{number(c.users)}</td>
              <IdCell id={c.keep} />
              <td className="num">{t('apps.freesValue', { vcpu: number(c.frees.size.vcpu), ram: number(c.frees.size.ram_gb), tb: number(c.frees.size.storage_tb, 1) })}</td>
              <td>{c.plans?.length ? <Badge colour="var(--warn, #b26b00)">{t('apps.alreadyPlanned', { plans: c.plans.join(', ') })}</Badge> : '–'}</td>
              {canPlan(user) && (
                <td>
                  <button type="button" onClick={() => (setMessage(''), setAsking(c.product))}>
                    {t('apps.writePlan')}
                  </button>
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
      {asking && (
        <WriteJoint
          product={asking}
          onCancel={() => setAsking(null)}
          onWritten={(r) => {
            setAsking(null);
            setMessage(t('apps.written', { plan: r.plan.id, changeset: r.changeset.id }));
            plansChanged();
          }}
        />
      )}
      <p role="status">{message}</p>
    </>
  );
}

/**
 * Writing a candidate as a plan: asks for the plan's name and date, shows what would be
 * written (a dry run of the same request) and warns when the date falls in a blackout.
 */
function WriteJoint({ product, onCancel, onWritten }: { product: string; onCancel: () => void; onWritten: (r: JointApplied) => void }) {
  const { t, date, locale } = useI18n();
  // An annual end (--12-15) as day and month in the locale, a dated one as a date.
  const day = (d: string) => (d.startsWith('--') ? new Date(`2000${d.slice(1)}T00:00:00Z`).toLocaleDateString(locale, { day: 'numeric', month: 'short', timeZone: 'UTC' }) : date(d));
  const slug = product.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
  const next = new Date();
  const [name, setName] = useState(`joint-${slug}`.slice(0, 64));
  const [effective, setEffective] = useState(new Date(Date.UTC(next.getUTCFullYear(), next.getUTCMonth() + 1, 1)).toISOString().slice(0, 10));
  const [error, setError] = useState<unknown>();
  const preview = useLoad(() => (name && /^\d{4}-\d\d-\d\d$/.test(effective) ? api.applyJoint({ plan: name, product, effective, dryRun: true }) : Promise.resolve(null)), [name, effective, product]);
  const write = async () => {
    setError(undefined);
    try {
      onWritten(await api.applyJoint({ plan: name, product, effective }));
    } catch (e) {
      setError(e);
    }
  };
  return (
    <ConfirmDialog title={t('apps.writeTitle', { product })} confirm={t('apps.writePlan')} onConfirm={() => void write()} onCancel={onCancel}>
      <div className="grid-form">
        <TextField name="plan" label={t('plans.name')} value={name} onChange={setName} required />
        <TextField name="effective" label={t('apps.effective')} value={effective} onChange={setEffective} type="date" required />
      </div>
      {preview.error !== undefined && <ErrorBox error={preview.error} />}
      {preview.data && (
        <>
          <p>{t('apps.writes', { changeset: preview.data.changeset.id, date: date(preview.data.changeset.effective), keep: preview.data.candidate.keep, retired: preview.data.candidate.frees.applications.join(', '), usages: preview.data.usages.length })}</p>
          {preview.data.blackouts.length > 0 && (
            <div role="alert" className="bad">
              <p>{t('apps.blackoutWarning', { date: date(preview.data.changeset.effective) })}</p>
              <ul>
                {preview.data.blackouts.map((b) => (
                  <li key={`${b.application} ${b.from}`}>{t('apps.blackout', { application: b.application, from: day(b.from), to: day(b.to), reason: b.reason ?? '–' })}</li>
                ))}
              </ul>
            </div>
          )}
        </>
      )}
      <ErrorBox error={error} />
    </ConfirmDialog>
  );
}

/** A filter: one of the values, or all. */
function FilterSelect({ label, value, onChange, options }: { label: string; value: string; onChange: (v: string) => void; options: string[] }) {
  const { t } = useI18n();
  return (
    <label>
      {label}{' '}
      <select value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">{t('all')}</option>
        {options.map((c) => (
          <option key={c}>{c}</option>
        ))}
      </select>
    </label>
  );
}

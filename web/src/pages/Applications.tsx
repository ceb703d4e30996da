/**
 * The portfolio: the applications with their instances, sites, tenants and availability vs
 * target, a page at a time — searched, filtered and ordered by the server (GET /portfolio) —
 * and the joint-operation candidates.
 */
import { useState } from 'react';
import { useParam } from '../router.js';
import type { ApplyJointResult as JointApplied, JointCandidatesReport, PortfolioPage, PortfolioQuery } from '../../../src/contracts/index.js';
import { api } from '../api.js';
import { Async, Badge, ErrorBox, IdCell, IdList, ObjLink, OnDemand, TableHead, TextField, type Sort } from '../components/common.js';
import { ConfirmDialog } from '../components/ConfirmDialog.js';
import { Pager, usePageParam } from '../components/Pager.js';
import { choiceColour, choices, useI18n } from '../i18n/index.js';
import { canPlan, useApp, useLarge, useLoad, useOnDemand } from '../state.js';
import { useServerText } from '../serverText.js';

/** A candidate with the plans that consolidate an application of it already. */
type JointCandidate = JointCandidatesReport['candidates'][number];

/** Applications a page. */
const PAGE = 50;

/** The applications' search, filters, order and page, from the URL. */
function usePortfolioQuery() {
  const [q, setQ] = useParam('q');
  const [category, setCategory] = useParam('category');
  const [status, setStatus] = useParam('status');
  const [product, setProduct] = useParam('product');
  const [sort, setSort] = useParam('sort');
  const [page, setPage] = usePageParam();
  // A new search, filter or order starts at the first page.
  const first = (set: (v: string) => void) => (v: string) => (set(v), setPage(1));
  return {
    q,
    category,
    status,
    product,
    sort,
    page,
    setQ: first(setQ),
    setCategory: first(setCategory),
    setStatus: first(setStatus),
    setProduct: first(setProduct),
    setSort: first(setSort),
    setPage,
  };
}

export function Applications() {
  const { t } = useI18n();
  const { at, plan } = useApp();
  const query = usePortfolioQuery();
  const { q, category, status, product, sort, page } = query;
  // By name unless the URL says otherwise.
  const ask = { at, plan, q: q.trim(), category, status, product, sort: (sort || 'name') as PortfolioQuery['sort'], limit: PAGE, offset: (page - 1) * PAGE };
  const deps = [at, plan, q, category, status, product, sort, page];
  // The server searches, filters, orders and pages the portfolio: one page, never every usage and device.
  const list = useLoad((s) => api.portfolio(ask, s), deps);
  // The same page with the worst availability of each application: at once on small estates, on request on large ones.
  const large = useLarge();
  const avail = useOnDemand((s) => api.portfolio({ ...ask, availability: true }, s), deps, large);
  const joint = useLoad((s) => api.joint({ at, plan }, s), [at, plan]);
  // The page with availability once it is there for this view, else the page without.
  const shown = avail.data && !avail.loading ? { ...list, data: avail.data } : list;
  return (
    <>
      <h1>{t('apps.title')}</h1>
      <OnDemand state={avail} label={t('onDemand.availability')}>{() => null}</OnDemand>
      <Async state={shown}>{(p) => <Portfolio page={p} query={query} />}</Async>
      <section aria-labelledby="h-joint">
        <h2 id="h-joint">{t('apps.joint')}</h2>
        <Async state={joint}>{(j) => <Joint candidates={j.candidates} />}</Async>
      </section>
    </>
  );
}

function Portfolio({ page: p, query }: { page: PortfolioPage; query: ReturnType<typeof usePortfolioQuery> }) {
  const { t, choice, percent, number } = useI18n();
  const { q, category, status, product, setQ, setCategory, setStatus, setProduct, setPage } = query;
  const sort: Sort = query.sort ? { key: query.sort.replace(/^-/, ''), dir: query.sort.startsWith('-') ? 'descending' : 'ascending' } : { key: 'name', dir: 'ascending' };
  return (
    <section aria-labelledby="h-portfolio">
      <h2 id="h-portfolio" className="sr-only">
        {t('apps.portfolio')}
      </h2>
      <form className="filters" role="search" onSubmit={(e) => e.preventDefault()}>
        <label>
          {t('search')} <input type="search" value={q} onChange={(e) => setQ(e.target.value)} />
        </label>
        <FilterSelect label={t('col.category')} value={category} onChange={setCategory} options={p.categories} />
        <FilterSelect label={t('col.product')} value={product} onChange={setProduct} options={p.products} />
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
        <span role="status">{t('apps.shown', { n: number(p.total), total: number(p.applications) })}</span>
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
              { label: t('col.target'), num: true, sort: 'target_availability' },
            ]}
            sort={sort}
            onSort={(s) => query.setSort(`${s.dir === 'descending' ? '-' : ''}${s.key}`)}
          />
          <tbody>
            {p.items.map((a) => {
              const w = a.availability;
              const miss = w !== undefined && a.target_availability !== undefined && w < a.target_availability;
              return (
                <tr key={a.id}>
                  <IdCell id={a.id} label={a.name ?? a.id} />
                  <td>{a.category ?? '–'}</td>
                  <td>{a.product ?? '–'}</td>
                  <td>{a.operator ? <ObjLink id={a.operator} /> : '–'}</td>
                  <td>
                    <Badge colour={choiceColour('applicationStatus', a.status)}>{choice('applicationStatus', a.status)}</Badge>
                  </td>
                  <td>{a.instances.map((i) => i.id).join(', ')}</td>
                  <td>{[...new Set(a.instances.map((i) => i.site ?? '?'))].join(', ')}</td>
                  <td className="num">{number(a.tenants)}</td>
                  <td className={`num ${miss ? 'bad' : ''}`}>{w === undefined ? '–' : percent(w, 3)}</td>
                  <td className="num">{a.target_availability === undefined ? '–' : percent(a.target_availability, 3)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {p.total > PAGE && <Pager page={query.page} size={PAGE} total={p.total} onPage={setPage} />}
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
  const st = useServerText();
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
          <p className="muted">{st(preview.data.changeset.notesText, preview.data.changeset.notes)}</p>
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

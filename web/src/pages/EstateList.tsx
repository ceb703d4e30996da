/**
 * A list page per kind (`/estate/sites`, `/estate/links`, …): the server searches, filters, orders
 * and pages (50 a page), so the `state` preset's 20,000 sites are as quick as OWL-IT's 60. The
 * search, the filters, the order and the page are in the URL. See docs/ui.md.
 */
import { api } from '../api.js';
import { Async, TableHead, type Sort } from '../components/common.js';
import { Pager, usePageParam } from '../components/Pager.js';
import { FieldValue, NamedLink } from '../components/FieldValue.js';
import { fieldSpecs, listOf, type FieldSpec } from '../fields.js';
import { useI18n, type Key } from '../i18n/index.js';
import { choices } from '../../../src/model/choices.js';
import { kinds, type Kind } from '../../../src/model/kinds.js';
import { Link, useParam } from '../router.js';
import { useApp, useLoad } from '../state.js';

const PAGE = 50;

/** The columns of a kind's list: its first scalar fields after the name. */
function columnsOf(kind: Kind): FieldSpec[] {
  return fieldSpecs[kind].filter((f) => f.name !== 'name' && (f.type === 'choice' || f.type === 'ref' || f.type === 'number' || f.type === 'text' || f.type === 'date')).slice(0, 4);
}

/** The kind of a list path (`sites` → site), or undefined. */
export function kindOfList(plural: string): Kind | undefined {
  return kinds.find((k) => listOf(k) === plural);
}

export function EstateList({ kind }: { kind: Kind }) {
  const { t, field, choice, tn } = useI18n();
  const { at, plan } = useApp();
  const [q, setQ] = useParam('q');
  const [sortParam, setSortParam] = useParam('sort');
  const [page, setPage] = usePageParam();
  const cols = columnsOf(kind);
  const choiceCols = cols.filter((c): c is Extract<FieldSpec, { type: 'choice' }> => c.type === 'choice');
  const [filterParam, setFilter] = useParam('filter');
  // One choice filter at a time, written `field:value` (the URL stays short and readable).
  const [filterField, filterValue] = filterParam.includes(':') ? filterParam.split(':') : ['', ''];
  const data = useLoad(
    (s) =>
      api.list(
        kind,
        { at, plan, q: q.trim().toLowerCase(), sort: sortParam, limit: PAGE, offset: (page - 1) * PAGE, ...(filterField && { [filterField]: filterValue }) },
        s,
      ),
    [kind, at, plan, q, sortParam, page, filterParam],
  );
  const sort: Sort | undefined = sortParam ? { key: sortParam.replace(/^-/, ''), dir: sortParam.startsWith('-') ? 'descending' : 'ascending' } : { key: 'id', dir: 'ascending' };
  const onSort = (s: Sort) => {
    setSortParam(`${s.dir === 'descending' ? '-' : ''}${s.key}`);
    setPage(1);
  };
  return (
    <>
      <h1>{t('estate.title')}</h1>
      <nav aria-label={t('estate.kinds')} className="tabs">
        <ul>
          {kinds.map((k) => (
            <li key={k}>
              <Link to={`/estate/${listOf(k)}`} aria-current={k === kind ? 'page' : undefined}>
                {t(`kind.${k}` as Key)}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <div className="filters">
        <label>
          {t('search')}{' '}
          <input
            type="search"
            value={q}
            onChange={(e) => {
              setQ(e.target.value);
              setPage(1);
            }}
          />
        </label>
        {choiceCols.map((c) => (
          <label key={c.name}>
            {field(c.name)}{' '}
            <select
              value={filterField === c.name ? filterValue : ''}
              onChange={(e) => {
                setFilter(e.target.value ? `${c.name}:${e.target.value}` : '');
                setPage(1);
              }}
            >
              <option value="">{t('all')}</option>
              {choicesOf(c).map((v) => (
                <option key={v} value={v}>
                  {choice(c.set, v)}
                </option>
              ))}
            </select>
          </label>
        ))}
      </div>
      <Async state={data}>
        {(p) => {
          return (
            <>
              <p role="status">{tn('estate.count', p.total)}</p>
              <table>
                <caption className="sr-only">{t(`kind.${kind}` as Key)}</caption>
                <TableHead cols={[{ label: field('name'), sort: 'name' }, ...cols.map((c) => ({ label: field(c.name), sort: c.name, num: c.type === 'number' }))]} sort={sort} onSort={onSort} />
                <tbody>
                  {p.items.map((o) => (
                    <tr key={o.id}>
                      <td>
                        <NamedLink id={o.id} name={o.name ?? null} />
                      </td>
                      {cols.map((c) => (
                        <td key={c.name} className={c.type === 'number' ? 'num' : undefined}>
                          <FieldValue kind={kind} path={c.name} value={(o as unknown as Record<string, unknown>)[c.name]} />
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
              <Pager page={page} size={PAGE} total={p.total} onPage={setPage} />
            </>
          );
        }}
      </Async>
    </>
  );
}

const choicesOf = (c: Extract<FieldSpec, { type: 'choice' }>) => choices[c.set].map((x) => x.value);

/** The global search: ids and names of every kind, the first ten of each with a link to all. */
export function Search() {
  const { t, tn } = useI18n();
  const { at, plan } = useApp();
  const [q] = useParam('q');
  const needle = q.trim().toLowerCase();
  const found = useLoad(
    (s) => (needle ? Promise.all(kinds.map(async (k) => ({ kind: k, page: await api.list(k, { at, plan, q: needle, limit: 10, sort: 'name' }, s) }))) : Promise.resolve([])),
    [needle, at, plan],
  );
  return (
    <>
      <h1>{t('search.title', { q })}</h1>
      <Async state={found}>
        {(groups) =>
          groups.every((g) => g.page.total === 0) ? (
            <p role="status">{t('search.none')}</p>
          ) : (
            <>
              <p role="status" className="sr-only">
                {tn('estate.count', groups.reduce((n, g) => n + g.page.total, 0))}
              </p>
              {groups
                .filter((g) => g.page.total > 0)
                .map((g) => (
                  <section key={g.kind} aria-labelledby={`h-s-${g.kind}`}>
                    <h2 id={`h-s-${g.kind}`}>
                      {t(`kind.${g.kind}` as Key)} ({g.page.total})
                    </h2>
                    <ul>
                      {g.page.items.map((o) => (
                        <li key={o.id}>
                          <NamedLink id={o.id} name={o.name ?? null} />
                        </li>
                      ))}
                    </ul>
                    {g.page.total > g.page.items.length && <Link to={`/estate/${listOf(g.kind)}?q=${encodeURIComponent(needle)}`}>{t('search.all', { n: g.page.total })}</Link>}
                  </section>
                ))}
            </>
          )
        }
      </Async>
    </>
  );
}

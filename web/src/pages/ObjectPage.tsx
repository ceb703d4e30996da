/**
 * One object at the chosen date with its history. Planners edit it through a form that
 * writes a change set of one change, effective now or later; the API's problems are shown
 * at the field they concern.
 */
import { useState } from 'react';
import { get, request, type Page } from '../api.js';
import { Async, Badge, TableHead } from '../components/common.js';
import { FieldValue, NamedLink } from '../components/FieldValue.js';
import { fieldSpecs } from '../fields.js';
import { fieldChanges } from '../fieldDiff.js';
import { choiceColour, useI18n } from '../i18n/index.js';
import type { Kind } from '../../../src/model/kinds.js';
import { canPlan, useApp, useLoad } from '../state.js';
import type { History, Obj } from '../types.js';
import { ServiceLinks } from './ServiceView.js';
import { EditForm } from './EditForm.js';
import { ServerTitle } from '../components/ServerTitle.js';

export function ObjectPage({ id }: { id: string }) {
  const { t } = useI18n();
  const { at, plan, user } = useApp();
  const obj = useLoad((s) => request<Obj>('GET', `/objects/${encodeURIComponent(id)}`, { query: { at, plan }, signal: s }), [id, at, plan]);
  const history = useLoad((s) => get<History>(`/objects/${encodeURIComponent(id)}/history`, undefined, s), [id]);
  const [editing, setEditing] = useState(false);
  return (
    <>
      <Async state={obj}>
        {({ body: o, etag }) => (
          <>
            <h1>
              {o.name ?? o.id} <span className="muted">({t(`kind.${o.kind}` as 'kind.site')})</span>
            </h1>
            {editing ? (
              <EditForm
                obj={o}
                etag={etag}
                onDone={() => {
                  setEditing(false);
                  obj.reload();
                  history.reload();
                }}
              />
            ) : (
              <>
                <Fields obj={o} />
                {canPlan(user) && (
                  <button type="button" className="primary" onClick={() => setEditing(true)}>
                    {t('object.edit')}
                  </button>
                )}
              </>
            )}
          </>
        )}
      </Async>
      <Async state={obj}>{({ body: o }) => <Referrers obj={o} />}</Async>
      <Async state={obj}>{({ body: o }) => <ServiceLinks obj={o} />}</Async>
      <section aria-labelledby="h-history">
        <h2 id="h-history">{t('object.history')}</h2>
        <Async state={history}>{(h) => <HistoryTable h={h} kind={obj.data?.body.kind ?? ''} />}</Async>
      </section>
    </>
  );
}

function Fields({ obj }: { obj: Obj }) {
  const { t, field } = useI18n();
  const specs = fieldSpecs[obj.kind as Kind] ?? [];
  const values = obj as unknown as Record<string, unknown>;
  // The model's fields in the form's order, then anything the model does not know (shown raw).
  const names = ['id', ...specs.map((s) => s.name).filter((n) => values[n] !== undefined), ...Object.keys(values).filter((k) => k !== 'kind' && k !== 'id' && !specs.some((s) => s.name === k))];
  return (
    <dl className="fields">
      {names.map((k) => (
        <div key={k}>
          <dt>{k === 'id' ? 'ID' : field(k)}</dt>
          <dd>{k === 'id' ? <code>{obj.id}</code> : <FieldValue kind={obj.kind} path={k} value={values[k]} />}</dd>
        </div>
      ))}
      {names.length === 0 && <p>{t('none')}</p>}
    </dl>
  );
}

type Version = History['versions'][number] & { object?: Record<string, unknown> };

/**
 * Every baseline version with what it changed field by field (against the version before),
 * who recorded it and when; then the plans' proposed changes.
 */
function HistoryTable({ h, kind }: { h: History; kind: string }) {
  const { t, date, dateTime, choice, field } = useI18n();
  const versions = h.versions as Version[];
  return (
    <table className="history">
      <caption className="sr-only">{t('object.history')}</caption>
      <TableHead cols={[t('col.date'), t('object.change'), t('history.fields'), t('object.changeset'), t('col.status'), t('history.author'), t('history.recordedAt')]} />
      <tbody>
        {versions.map((v, i) => {
          const changes = v.op === 'delete' ? [] : fieldChanges(i > 0 && versions[i - 1]!.op !== 'delete' ? versions[i - 1]!.object : undefined, v.object);
          return (
            <tr key={`${v.changeset}-${v.validFrom}`}>
              <td>{date(v.validFrom)}</td>
              <td>{t(`op.${v.op}` as 'op.create')}</td>
              <td>
                {v.op === 'delete' ? (
                  t('object.removed')
                ) : (
                  <ul className="changes">
                    {changes.map((c) => (
                      <li key={c.field}>
                        <strong>{c.field.split('.').map(field).join(' › ')}</strong>:{' '}
                        {v.op !== 'create' && (
                          <>
                            <del>
                              <FieldValue kind={kind} path={c.field} value={c.before} />
                            </del>{' '}
                            →{' '}
                          </>
                        )}
                        <ins>
                          <FieldValue kind={kind} path={c.field} value={c.after} />
                        </ins>
                      </li>
                    ))}
                  </ul>
                )}
              </td>
              <td>
                <ServerTitle of={v} /> <span className="muted">({v.changeset})</span>
              </td>
              <td>
                <Badge colour={choiceColour('changeSetStatus', v.status)}>{choice('changeSetStatus', v.status)}</Badge>
              </td>
              <td>{v.author ?? v.recordedBy}</td>
              <td>
                {dateTime(v.recordedAt)}
                {v.author && v.author !== v.recordedBy && <span className="muted"> ({v.recordedBy})</span>}
              </td>
            </tr>
          );
        })}
        {h.proposed.map((p) => (
          <tr key={`p-${p.changeset.id}`}>
            <td>{date(p.changeset.effectiveKey)}</td>
            <td>{t(`op.${p.op}` as 'op.create')}</td>
            <td>–</td>
            <td>
              <ServerTitle of={p.changeset} /> <span className="muted">({p.changeset.id})</span>
            </td>
            <td>
              <Badge colour={choiceColour('changeSetStatus', 'proposed')}>
                {choice('changeSetStatus', 'proposed')} · {t('plan')} {p.changeset.plan}
              </Badge>
            </td>
            <td>–</td>
            <td>–</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Where other objects point at an object of each kind: the list route and its filter field. */
const referrers: Record<string, readonly [string, string][]> = {
  organization: [['sites', 'organization'], ['applications', 'operator'], ['usages', 'tenant'], ['organizations', 'member_of']],
  site: [['devices', 'site'], ['usages', 'sites']],
  device: [['links', 'a'], ['links', 'b'], ['applications', 'instances']],
  'risk-group': [['links', 'risk_groups'], ['devices', 'risk_groups']],
  application: [['usages', 'application'], ['applications', 'depends_on']],
};

/** The objects that refer to this one (first 100 of each kind and field). */
function Referrers({ obj }: { obj: Obj }) {
  const { t, number, field } = useI18n();
  const { at, plan } = useApp();
  const refs = useLoad(
    (s) =>
      Promise.all(
        (referrers[obj.kind] ?? []).map(async ([list, field]) => {
          const page = await get<Page<Obj>>(`/${list}`, { at, plan, [field]: obj.id, limit: 100 }, s);
          return { list, field, page };
        }),
      ),
    [obj.id, obj.kind, at, plan],
  );
  if (!referrers[obj.kind]) return null;
  return (
    <section aria-labelledby="h-refs">
      <h2 id="h-refs">{t('object.referrers')}</h2>
      <Async state={refs}>
        {(groups) =>
          groups.every((g) => g.page.total === 0) ? (
            <p className="muted">{t('none')}</p>
          ) : (
            <dl className="fields">
              {groups
                .filter((g) => g.page.total > 0)
                .map((g) => (
                  <div key={`${g.list}-${g.field}`}>
                    <dt>
                      {t(`kind.${g.page.items[0]!.kind}` as 'kind.site')} · {field(g.field)} ({number(g.page.total)})
                    </dt>
                    <dd>
                      {g.page.items.map((o, i) => (
                        <span key={o.id}>
                          {i > 0 && ', '}
                          <NamedLink id={o.id} name={o.name ?? null} />
                        </span>
                      ))}
                      {g.page.total > g.page.items.length && ' …'}
                    </dd>
                  </div>
                ))}
            </dl>
          )
        }
      </Async>
    </section>
  );
}

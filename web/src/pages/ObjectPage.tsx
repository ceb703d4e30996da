/**
 * One object at the chosen date with its history. Planners edit it through a form that
 * writes a change set of one change, effective now or later; the API's problems are shown
 * at the field they concern.
 */
import { useState, type FormEvent } from 'react';
import { ApiError, get, request, type Page } from '../api.js';
import { Async, Badge, ErrorBox, IdList, TableHead, TextField } from '../components/common.js';
import { choiceColour, useI18n } from '../i18n/index.js';
import type { ChoiceSetName } from '../../../src/model/choices.js';
import { canPlan, today, tomorrow, useApp, useLoad } from '../state.js';
import type { History, Obj } from '../types.js';

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
      <section aria-labelledby="h-history">
        <h2 id="h-history">{t('object.history')}</h2>
        <Async state={history}>{(h) => <HistoryTable h={h} />}</Async>
      </section>
    </>
  );
}

const refFields = new Set(['site', 'organization', 'operator', 'tenant', 'application', 'a', 'b', 'member_of', 'customer_of', 'instances', 'depends_on', 'risk_groups', 'sites', 'failed']);

/** The choice set of an enumerated field, whose values the UI shows by their label. */
function choiceSet(kind: string, field: string): ChoiceSetName | undefined {
  const sets: Record<string, ChoiceSetName> = {
    'organization.type': 'organizationType',
    'site.type': 'siteType',
    'device.role': 'deviceRole',
    'device.status': 'deviceStatus',
    'link.type': 'linkType',
    'risk-group.type': 'riskGroupType',
    'application.status': 'applicationStatus',
    'failover-test.mode': 'failoverMode',
    'failover-test.result': 'failoverResult',
  };
  return sets[`${kind}.${field}`];
}

function Fields({ obj }: { obj: Obj }) {
  const { t, choice } = useI18n();
  return (
    <dl className="fields">
      {Object.entries(obj)
        .filter(([k]) => k !== 'kind')
        .map(([k, v]) => (
          <div key={k}>
            <dt>{k}</dt>
            <dd>{refFields.has(k) ? <Refs value={v} /> : typeof v === 'object' ? <code>{JSON.stringify(v)}</code> : choiceSet(obj.kind, k) ? `${choice(choiceSet(obj.kind, k)!, String(v))} (${String(v)})` : String(v)}</dd>
          </div>
        ))}
      {Object.keys(obj).length === 0 && <p>{t('none')}</p>}
    </dl>
  );
}

function Refs({ value }: { value: unknown }) {
  const ids = (Array.isArray(value) ? value : [value]).map((x) => (x && typeof x === 'object' ? String((x as { application?: string }).application) : String(x)));
  return <IdList ids={ids} />;
}

function HistoryTable({ h }: { h: History }) {
  const { t, date, choice } = useI18n();
  return (
    <table>
      <TableHead cols={[t('col.date'), t('object.change'), t('object.changeset'), t('col.status'), t('object.recordedBy')]} />
      <tbody>
        {h.versions.map((v) => (
          <tr key={`${v.changeset}-${v.validFrom}`}>
            <td>{date(v.validFrom)}</td>
            <td>{t(`op.${v.op}` as 'op.create')}</td>
            <td>
              {v.title} <span className="muted">({v.changeset})</span>
            </td>
            <td>
              <Badge colour={choiceColour('changeSetStatus', v.status)}>{choice('changeSetStatus', v.status)}</Badge>
            </td>
            <td>{v.recordedBy}</td>
          </tr>
        ))}
        {h.proposed.map((p) => (
          <tr key={`p-${p.changeset.id}`}>
            <td>{date(p.changeset.effectiveKey)}</td>
            <td>{t(`op.${p.op}` as 'op.create')}</td>
            <td>
              {p.changeset.title} <span className="muted">({p.changeset.id})</span>
            </td>
            <td>
              <Badge colour={choiceColour('changeSetStatus', 'proposed')}>
                {choice('changeSetStatus', 'proposed')} · {t('plan')} {p.changeset.plan}
              </Badge>
            </td>
            <td>–</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Text as typed → the field's value: JSON for lists and objects, numbers for numbers. */
function parseField(original: unknown, text: string): unknown {
  if (text.trim() === '') return null;
  if (typeof original === 'number') return Number(text);
  if (typeof original === 'boolean') return text === 'true';
  if (original !== undefined && typeof original === 'object') return JSON.parse(text);
  return text;
}

function EditForm({ obj, etag, onDone }: { obj: Obj; etag: string | null; onDone: () => void }) {
  const { t } = useI18n();
  const { user, plan } = useApp();
  const editable = Object.entries(obj).filter(([k]) => k !== 'id' && k !== 'kind');
  const show = (v: unknown) => (v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v));
  const [values, setValues] = useState<Record<string, string>>(Object.fromEntries(editable.map(([k, v]) => [k, show(v)])));
  const [meta, setMeta] = useState({ effective: user.role === 'planner' ? tomorrow() : today(), status: user.role === 'planner' ? 'scheduled' : 'done', title: '', plan });
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const problems = error instanceof ApiError ? error.details : [];
  const at = (field: string) => problems.filter((p) => p.field === field || p.field?.startsWith(`${field}.`) || p.path?.includes(field)).map((p) => p.message);
  const general = problems.filter((p) => !editable.some(([k]) => at(k).includes(p.message)));
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const fields: Record<string, unknown> = {};
      for (const [k, v] of editable) if (values[k] !== show(v)) fields[k] = parseField(v, values[k] ?? '');
      if (Object.keys(fields).length === 0) return onDone();
      await request('PATCH', `/objects/${encodeURIComponent(obj.id)}`, {
        body: {
          fields,
          changeset: {
            effective: meta.effective,
            status: meta.status,
            ...(meta.title && { title: meta.title }),
            ...(meta.status === 'proposed' && meta.plan && { plan: meta.plan }),
          },
        },
        headers: etag ? { 'if-match': etag } : {},
      });
      onDone();
    } catch (err) {
      setError(err instanceof SyntaxError ? new ApiError(400, 'INVALID_INPUT', t('object.badJson')) : err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="grid-form" onSubmit={submit} aria-labelledby="h-edit">
      <h2 id="h-edit">{t('object.editTitle')}</h2>
      {editable.map(([k]) => (
        <TextField key={k} name={k} label={k} value={values[k] ?? ''} onChange={(v) => setValues({ ...values, [k]: v })} errors={at(k)} />
      ))}
      <fieldset>
        <legend>{t('object.changesetLegend')}</legend>
        <label>
          {t('object.effective')}
          <input name="effective" type="date" value={meta.effective} onChange={(e) => setMeta({ ...meta, effective: e.target.value })} required />
        </label>
        <label>
          {t('col.status')}
          <select name="status" value={meta.status} onChange={(e) => setMeta({ ...meta, status: e.target.value })}>
            {user.role !== 'planner' && <option value="done">{t('status.done')}</option>}
            <option value="scheduled">{t('status.scheduled')}</option>
            <option value="proposed">{t('status.proposed')}</option>
          </select>
        </label>
        {meta.status === 'proposed' && (
          <label>
            {t('plan')}
            <input name="plan" value={meta.plan} onChange={(e) => setMeta({ ...meta, plan: e.target.value })} required />
          </label>
        )}
        <label>
          {t('object.title')}
          <input name="title" value={meta.title} onChange={(e) => setMeta({ ...meta, title: e.target.value })} />
        </label>
      </fieldset>
      {(general.length > 0 || (error !== undefined && !(error instanceof ApiError))) && <ErrorBox error={error instanceof ApiError ? new ApiError(error.status, error.code, error.message, general) : error} />}
      {error instanceof ApiError && general.length === 0 && (
        <p className="error" role="alert">
          {error.message}
        </p>
      )}
      <div className="buttons">
        <button type="submit" className="primary" disabled={busy}>
          {t('object.save')}
        </button>
        <button type="button" onClick={onDone}>
          {t('cancel')}
        </button>
      </div>
    </form>
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
  const { t, number } = useI18n();
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
                      {t(`kind.${g.page.items[0]!.kind}` as 'kind.site')} · {g.field} ({number(g.page.total)})
                    </dt>
                    <dd>
                      <IdList ids={g.page.items.map((o) => o.id)} />
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

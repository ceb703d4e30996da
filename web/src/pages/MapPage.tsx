/**
 * The map: sites by coordinates on a canvas, links coloured by type or by verdict, risk
 * groups highlightable; fail any elements and see what goes down; draw the independent paths
 * between a site and an application.
 */
import { useEffect, useMemo, useState } from 'react';
import { api } from '../api.js';
import { Async, ErrorBox } from '../components/common.js';
import { choices, useI18n } from '../i18n/index.js';
import { useApp, useLoad } from '../state.js';
import type { ObjectOfKind, PathsReport as Paths, WhatIfReport as WhatIf } from '../../../src/contracts/index.js';
import { MapCanvas, pathColours } from './MapCanvas.js';
import { buildModel, cutLinks, cutOffSitesOf, failedSitesOf, type MapModel } from './mapModel.js';
import { useParam } from '../router.js';
import { WhatIfResult } from './WhatIfResult.js';

type Colouring = 'type' | 'verdict';

export function MapPage() {
  const { t } = useI18n();
  const { at, plan } = useApp();
  const data = useLoad(
    async (s) => {
      const t0 = performance.now();
      const view = { at, plan };
      const [sites, devices, links, riskGroups, apps] = await Promise.all([
        api.listAll('site', view, s),
        api.listAll('device', view, s),
        api.listAll('link', view, s),
        api.listAll('risk-group', view, s),
        api.listAll('application', view, s),
      ]);
      const model = buildModel(sites, devices, links);
      return { model, devices, allLinks: links, riskGroups, apps, sites, loadMs: performance.now() - t0 };
    },
    [at, plan],
  );
  return (
    <>
      <h1>{t('map.title')}</h1>
      <Async state={data}>{(d) => <MapView {...d} />}</Async>
    </>
  );
}

type Site = ObjectOfKind<'site'>;
type Device = ObjectOfKind<'device'>;
type Link = ObjectOfKind<'link'>;
type Application = ObjectOfKind<'application'>;

interface MapViewProps {
  model: MapModel;
  devices: Device[];
  allLinks: Link[];
  riskGroups: ObjectOfKind<'risk-group'>[];
  apps: Application[];
  sites: Site[];
  loadMs: number;
}

function MapView({ model, devices, allLinks, riskGroups, apps, sites, loadMs }: MapViewProps) {
  const { t, tn, choice } = useI18n();
  const { at, plan } = useApp();
  const [colouring, setColouring] = useState<Colouring>('type');
  // The selection, the failure simulated and the path asked for are in the URL (a reload or a shared link shows them again).
  const [selParam, setSelParam] = useParam('sel');
  const selected = useMemo(() => new Set(selParam ? selParam.split(',') : []), [selParam]);
  const setSelected = (f: (s: Set<string>) => Set<string>) => setSelParam([...f(new Set(selected))].join(','));
  const [failParam, setFailParam] = useParam('fail');
  const [highlight, setHighlight] = useState<string | null>(null);
  const [result, setResult] = useState<WhatIf | null>(null);
  const [failed, setFailed] = useState<Set<string>>(new Set());
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const [paths, setPaths] = useState<Paths | null>(null);
  const [rgFilter, setRgFilter] = useState('');
  const check = useLoad((s) => (colouring === 'verdict' ? api.check({ at, plan }, { form: 'summary', spofLimit: 10_000 }, s) : Promise.resolve(null)), [colouring, at, plan]);

  const spofLinks = useMemo(() => {
    if (!check.data) return null;
    const ids = new Set(check.data.spofs.map((s) => s.element));
    return cutLinks(model, ids);
  }, [check.data, model]);
  const cut = useMemo(() => cutLinks(model, failed), [model, failed]);
  const failedSites = useMemo(() => failedSitesOf(model, failed), [model, failed]);
  const cutOff = useMemo(() => cutOffSitesOf(result?.down ?? [], failedSites), [result, failedSites]);
  const highlighted = useMemo(() => (highlight ? cutLinks(model, new Set([highlight])) : new Set<number>()), [model, highlight]);
  // The independent paths; when there are none, the two that share only a risk group (if any), to show where.
  const shownPaths = useMemo(() => (paths ? (paths.paths.length ? paths.paths : (paths.nodeLinkDisjoint?.paths ?? [])) : []), [paths]);
  const pathLinks = useMemo(() => {
    const m = new Map<string, number>();
    shownPaths.forEach((p, i) => p.links.forEach((l) => m.set(l, i)));
    return m;
  }, [shownPaths]);

  const toggle = (id: string) =>
    setSelected((s) => {
      const n = new Set(s);
      if (n.has(id)) n.delete(id);
      else n.add(id);
      return n;
    });
  const fail = async (ids: readonly string[] = [...selected]) => {
    setBusy(true);
    setError(undefined);
    setFailParam(ids.join(','));
    try {
      const r = await api.whatIf([...ids], { at, plan });
      setResult(r);
      setFailed(new Set(r.failed));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const clear = () => {
    setSelected(() => new Set());
    setFailParam('');
    setFailed(new Set());
    setResult(null);
    setError(undefined);
  };

  const [pathParam, setPathParam] = useParam('path');
  const [pathFrom, setPathFrom] = useState(pathParam.split(',')[0] ?? '');
  const [pathTo, setPathTo] = useState(pathParam.split(',')[1] ?? '');
  const [pathError, setPathError] = useState<unknown>();
  const showPaths = async (from = pathFrom, to = pathTo) => {
    setPathError(undefined);
    setPaths(null);
    setPathParam(`${from},${to}`);
    try {
      setPaths(await api.paths(from, to, { at, plan }));
    } catch (e) {
      setPathError(e);
    }
  };
  // What the URL asked for when the page opened (or the view changed): the failure and the paths.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when the view (`at`, `plan`) changes, not when the URL's parameters it reads do
  useEffect(() => {
    if (failParam) void fail(failParam.split(','));
    if (pathFrom && pathTo) void showPaths();
  }, [at, plan]);

  const [addId, setAddId] = useState('');
  const elementIds = useMemo(() => [...sites.map((s) => s.id), ...devices.map((d) => d.id), ...allLinks.map((l) => l.id)].slice(0, 5000), [sites, devices, allLinks]);
  const rgShown = riskGroups.filter((g) => !rgFilter || g.id.includes(rgFilter.toLowerCase()) || (g.name ?? '').toLowerCase().includes(rgFilter.toLowerCase())).slice(0, 60);

  return (
    <div className="map-layout">
      <div className="map-main">
        <MapCanvas model={model} colouring={colouring} spofLinks={spofLinks} cut={cut} failedSites={failedSites} cutOffSites={cutOff} highlighted={highlighted} pathLinks={pathLinks} selected={selected} onToggle={toggle} loadMs={loadMs}>
          <label>
            {t('map.colouring')}{' '}
            <select value={colouring} onChange={(e) => setColouring(e.target.value as Colouring)}>
              <option value="type">{t('map.byType')}</option>
              <option value="verdict">{t('map.byVerdict')}</option>
            </select>
          </label>
        </MapCanvas>
        <p className="legend">
          {colouring === 'type'
            ? choices.linkType.map((c) => (
                <span key={c.value}>
                  <span className="swatch" style={{ background: c.colour }} aria-hidden="true" /> {choice('linkType', c.value)}
                </span>
              ))
            : [
                <span key="ok">
                  <span className="swatch" style={{ background: '#6b8f71' }} aria-hidden="true" /> {t('map.legendOk')}
                </span>,
                <span key="spof">
                  <span className="swatch" style={{ background: '#c00000' }} aria-hidden="true" /> {t('map.legendSpof')}
                </span>,
              ]}
          <span>
            <span className="swatch dashed red" aria-hidden="true" /> {t('map.legendCut')}
          </span>
          <span>
            <span className="swatch ring-cutoff" aria-hidden="true" /> {t('map.legendCutOff')}
          </span>
          {choices.siteType.map((c) => (
            <span key={c.value}>
              <span className="swatch square" style={{ background: c.colour }} aria-hidden="true" /> {choice('siteType', c.value)}
            </span>
          ))}
        </p>
        <p className="muted small">{t('map.help')}</p>
        {check.error ? <ErrorBox error={check.error} /> : null}
      </div>
      <aside className="map-side">
        <section aria-labelledby="h-fail">
          <h2 id="h-fail">{t('map.fail')}</h2>
          <fieldset>
            <legend>{t('map.riskGroups')}</legend>
            {riskGroups.length > 60 && (
              <label>
                {t('search')} <input value={rgFilter} onChange={(e) => setRgFilter(e.target.value)} />
              </label>
            )}
            <ul className="checklist">
              {rgShown.map((g) => (
                <li key={g.id} onMouseEnter={() => setHighlight(g.id)} onMouseLeave={() => setHighlight(null)}>
                  <label onFocus={() => setHighlight(g.id)} onBlur={() => setHighlight(null)}>
                    <input type="checkbox" checked={selected.has(g.id)} onChange={() => toggle(g.id)} /> {g.name ?? g.id}{' '}
                    <span className="muted">({choice('riskGroupType', g.type as string)})</span>
                  </label>
                </li>
              ))}
            </ul>
          </fieldset>
          <form
            className="inline"
            onSubmit={(e) => {
              e.preventDefault();
              if (addId) toggle(addId.trim());
              setAddId('');
            }}
          >
            <label>
              {t('map.addElement')} <input list="element-ids" value={addId} onChange={(e) => setAddId(e.target.value)} />
            </label>
            <datalist id="element-ids">
              {elementIds.map((id) => (
                <option key={id} value={id} />
              ))}
            </datalist>
            <button type="submit">{t('add')}</button>
          </form>
          {selected.size > 0 && (
            <ul className="chips" aria-label={t('map.selected')}>
              {[...selected].map((id) => (
                <li key={id}>
                  {id}{' '}
                  <button type="button" onClick={() => toggle(id)} aria-label={t('remove', { id })}>
                    ×
                  </button>
                </li>
              ))}
            </ul>
          )}
          <div className="buttons">
            <button type="button" className="primary" disabled={selected.size === 0 || busy} onClick={() => void fail()}>
              {tn('map.failButton', selected.size)}
            </button>
            <button type="button" onClick={clear}>
              {t('clear')}
            </button>
          </div>
          <ErrorBox error={error} />
          <div aria-live="polite">{result && <WhatIfResult r={result} />}</div>
        </section>
        <section aria-labelledby="h-paths">
          <h2 id="h-paths">{t('map.paths')}</h2>
          <form
            onSubmit={(e) => {
              e.preventDefault();
              void showPaths();
            }}
          >
            <label>
              {t('col.site')}
              <select value={pathFrom} onChange={(e) => setPathFrom(e.target.value)} required>
                <option value="">–</option>
                {sites.slice(0, 3000).map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.name ?? s.id}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {t('col.application')}
              <select value={pathTo} onChange={(e) => setPathTo(e.target.value)} required>
                <option value="">–</option>
                {apps.slice(0, 3000).map((a) => (
                  <option key={a.id} value={a.id}>
                    {a.name ?? a.id}
                  </option>
                ))}
              </select>
            </label>
            <button type="submit">{t('map.showPaths')}</button>
          </form>
          <ErrorBox error={pathError} />
          <div aria-live="polite">
            {paths && (
              <div className="paths-result">
                <p>
                  <strong>{t(`paths.${paths.status}` as 'paths.found')}</strong>
                </p>
                {paths.reason && <p>{paths.reason.message}</p>}
                {paths.paths.length === 0 && shownPaths.length > 0 && <p>{t('map.sharedRisk')}</p>}
                {shownPaths.map((p, i) => (
                  <p key={i}>
                    <span className="swatch" style={{ background: pathColours[i] }} aria-hidden="true" /> {t('map.path', { n: i + 1 })}: {p.nodes.join(' → ')}
                  </p>
                ))}
              </div>
            )}
          </div>
        </section>
      </aside>
    </div>
  );
}

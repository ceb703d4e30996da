/**
 * The map: sites by coordinates on a canvas (over a base map if one is configured), links
 * coloured by carrier, type or verdict, risk groups drawn where they are; fail any elements
 * and see what goes down; draw the independent paths between a site and an application (or
 * the one path, when only one exists). Its state has named parts (`mapState.ts`).
 */
import { useEffect, useMemo, useReducer } from 'react';
import { api } from '../api.js';
import { Async, ErrorBox } from '../components/common.js';
import { PathReason } from '../components/PathReason.js';
import { choiceColour, useI18n } from '../i18n/index.js';
import { useParam } from '../router.js';
import { useApp, useLoad } from '../state.js';
import type { ObjectOfKind, ObjectOut as Obj } from '../../../src/contracts/index.js';
import { MapCanvas } from './MapCanvas.js';
import { carrierColours } from './mapColours.js';
import { MapLegend } from './MapLegend.js';
import { buildModel, cutLinks, cutOffSitesOf, failedSitesOf, type MapModel } from './mapModel.js';
import { riskGroupShapes } from './mapRiskGroups.js';
import { buildScene, pathColours, type Colouring } from './mapScene.js';
import { initialMapState, mapReducer, shownPaths } from './mapState.js';
import { WhatIfResult } from './WhatIfResult.js';

export function MapPage() {
  const { t } = useI18n();
  const { at, plan } = useApp();
  const data = useLoad(
    async (s) => {
      const t0 = performance.now();
      const view = { at, plan };
      const [sites, devices, links, riskGroups, apps, organizations, baseMap] = await Promise.all([
        api.listAll('site', view, s),
        api.listAll('device', view, s),
        api.listAll('link', view, s),
        api.listAll('risk-group', view, s),
        api.listAll('application', view, s),
        api.listAll('organization', view, s),
        api.baseMap(s),
      ]);
      const model = buildModel(sites, devices, links);
      return { model, devices, allLinks: links, riskGroups, apps, sites, organizations, baseMapStyle: baseMap.style, loadMs: performance.now() - t0 };
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
  organizations: Obj[];
  baseMapStyle: string | null;
  loadMs: number;
}

function MapView({ model, devices, allLinks, riskGroups, apps, sites, organizations, baseMapStyle, loadMs }: MapViewProps) {
  const { t, tn, choice } = useI18n();
  const { at, plan } = useApp();
  // The selection, the failure simulated and the path asked for are in the URL (a reload or a shared link shows them again).
  const [selParam, setSelParam] = useParam('sel');
  const selected = useMemo(() => new Set(selParam ? selParam.split(',') : []), [selParam]);
  const setSelected = (f: (s: Set<string>) => Set<string>) => setSelParam([...f(new Set(selected))].join(','));
  const [failParam, setFailParam] = useParam('fail');
  const [pathParam, setPathParam] = useParam('path');
  const [state, dispatch] = useReducer(mapReducer, pathParam, initialMapState);
  const { look, failure, paths } = state;
  const check = useLoad((s) => (look.colouring === 'verdict' ? api.check({ at, plan }, { form: 'summary', spofLimit: 10_000 }, s) : Promise.resolve(null)), [look.colouring, at, plan]);

  const spofLinks = useMemo(() => {
    if (!check.data) return null;
    const ids = new Set(check.data.spofs.map((s) => s.element));
    return cutLinks(model, ids);
  }, [check.data, model]);
  const cut = useMemo(() => cutLinks(model, failure.failed), [model, failure.failed]);
  const failedSites = useMemo(() => failedSitesOf(model, failure.failed), [model, failure.failed]);
  const cutOff = useMemo(() => cutOffSitesOf(failure.result?.down ?? [], failedSites), [failure.result, failedSites]);
  const highlighted = useMemo(() => (look.highlight ? cutLinks(model, new Set([look.highlight])) : new Set<number>()), [model, look.highlight]);
  const drawnPaths = useMemo(() => shownPaths(paths.result), [paths.result]);
  const pathLinks = useMemo(() => {
    const m = new Map<string, number>();
    drawnPaths.forEach((p, i) => p.links.forEach((l) => m.set(l, i)));
    return m;
  }, [drawnPaths]);
  const carriers = useMemo(() => carrierColours(model.links), [model]);
  const shapes = useMemo(() => riskGroupShapes(model, riskGroups), [model, riskGroups]);
  const scene = useMemo(
    () =>
      buildScene({
        model,
        colouring: look.colouring,
        colourOf: choiceColour,
        carriers,
        spofLinks,
        cut,
        failed: failure.failed,
        failedSites,
        cutOffSites: cutOff,
        highlight: look.highlight,
        highlighted,
        pathLinks,
        pathEnds: drawnPaths.flatMap((p) => [p.nodes[0] ?? '', p.nodes.at(-1) ?? '']),
        selected,
        shapes,
      }),
    [model, look.colouring, look.highlight, carriers, spofLinks, cut, failure.failed, failedSites, cutOff, highlighted, pathLinks, drawnPaths, selected, shapes],
  );
  const names = useMemo(() => new Map<string, string>([...organizations, ...sites, ...devices].map((o) => [o.id, o.name ?? o.id])), [organizations, sites, devices]);

  const toggle = (id: string) =>
    setSelected((s) => {
      const n = new Set(s);
      if (n.has(id)) n.delete(id);
      else n.add(id);
      return n;
    });
  const fail = async (ids: readonly string[] = [...selected]) => {
    dispatch({ type: 'failing' });
    setFailParam(ids.join(','));
    try {
      dispatch({ type: 'failed', result: await api.whatIf([...ids], { at, plan }) });
    } catch (e) {
      dispatch({ type: 'failError', error: e });
    }
  };
  const clear = () => {
    setSelected(() => new Set());
    setFailParam('');
    dispatch({ type: 'clearFailure' });
  };
  const showPaths = async (from = paths.from, to = paths.to) => {
    dispatch({ type: 'pathsAsked' });
    setPathParam(`${from},${to}`);
    try {
      dispatch({ type: 'paths', result: await api.paths(from, to, { at, plan }) });
    } catch (e) {
      dispatch({ type: 'pathsError', error: e });
    }
  };
  // What the URL asked for when the page opened (or the view changed): the failure and the paths.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when the view (`at`, `plan`) changes, not when the URL's parameters it reads do
  useEffect(() => {
    if (failParam) void fail(failParam.split(','));
    if (paths.from && paths.to) void showPaths();
  }, [at, plan]);

  const elementIds = useMemo(() => [...sites.map((s) => s.id), ...devices.map((d) => d.id), ...allLinks.map((l) => l.id)].slice(0, 5000), [sites, devices, allLinks]);
  const rgFilter = look.rgFilter.toLowerCase();
  const rgShown = riskGroups.filter((g) => !rgFilter || g.id.includes(rgFilter) || (g.name ?? '').toLowerCase().includes(rgFilter)).slice(0, 60);
  const rgTypes = [...new Set(shapes.map((g) => g.type))];
  const onlyPath = paths.result && paths.result.paths.length === 0 && !paths.result.nodeLinkDisjoint?.paths.length && drawnPaths.length === 1;

  return (
    <div className="map-layout">
      <div className="map-main">
        <MapCanvas scene={scene} onToggle={toggle} loadMs={loadMs} baseMapStyle={baseMapStyle}>
          <label>
            {t('map.colouring')}{' '}
            <select value={look.colouring} onChange={(e) => dispatch({ type: 'look', change: { colouring: e.target.value as Colouring } })}>
              <option value="carrier">{t('map.byCarrier')}</option>
              <option value="type">{t('map.byType')}</option>
              <option value="verdict">{t('map.byVerdict')}</option>
            </select>
          </label>
        </MapCanvas>
        <MapLegend colouring={look.colouring} carriers={carriers} names={names} rgTypes={rgTypes} paths={drawnPaths.length} />
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
                {t('search')} <input value={look.rgFilter} onChange={(e) => dispatch({ type: 'look', change: { rgFilter: e.target.value } })} />
              </label>
            )}
            <ul className="checklist">
              {rgShown.map((g) => (
                <li key={g.id} onMouseEnter={() => dispatch({ type: 'look', change: { highlight: g.id } })} onMouseLeave={() => dispatch({ type: 'look', change: { highlight: null } })}>
                  <label onFocus={() => dispatch({ type: 'look', change: { highlight: g.id } })} onBlur={() => dispatch({ type: 'look', change: { highlight: null } })}>
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
              if (look.addId) toggle(look.addId.trim());
              dispatch({ type: 'look', change: { addId: '' } });
            }}
          >
            <label>
              {t('map.addElement')} <input list="element-ids" value={look.addId} onChange={(e) => dispatch({ type: 'look', change: { addId: e.target.value } })} />
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
                  {names.get(id) ?? riskGroups.find((g) => g.id === id)?.name ?? id}{' '}
                  <button type="button" onClick={() => toggle(id)} aria-label={t('remove', { id })}>
                    ×
                  </button>
                </li>
              ))}
            </ul>
          )}
          <div className="buttons">
            <button type="button" className="primary" disabled={selected.size === 0 || failure.busy} onClick={() => void fail()}>
              {tn('map.failButton', selected.size)}
            </button>
            <button type="button" onClick={clear}>
              {t('clear')}
            </button>
          </div>
          <ErrorBox error={failure.error} />
          <div aria-live="polite">{failure.result && <WhatIfResult r={failure.result} />}</div>
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
              <select value={paths.from} onChange={(e) => dispatch({ type: 'pathEnds', from: e.target.value })} required>
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
              <select value={paths.to} onChange={(e) => dispatch({ type: 'pathEnds', to: e.target.value })} required>
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
          <ErrorBox error={paths.error} />
          <div aria-live="polite">
            {paths.result && (
              <div className="paths-result">
                <p>
                  <strong>{t(`paths.${paths.result.status}` as 'paths.found')}</strong>
                </p>
                {paths.result.reason && <PathReason reason={paths.result.reason} />}
                {paths.result.paths.length === 0 && !onlyPath && drawnPaths.length > 0 && <p>{t('map.sharedRisk')}</p>}
                {onlyPath && <p>{t('map.onlyPath')}</p>}
                {drawnPaths.map((p, i) => (
                  <p key={i}>
                    <span className="swatch" style={{ background: pathColours[i] }} aria-hidden="true" /> {t('map.path', { n: i + 1 })}: {p.nodes.map((n) => names.get(n) ?? n).join(' → ')}
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

/**
 * One service (an application used at a site) as the relation picture i-doit users know: the
 * site, the links and devices of its two independent paths, the application's instances, the
 * application and its dependencies — each drawn with its verdict for this service (a single
 * point of failure, an accepted risk, or not), by colour and by word, and listed in a table.
 */
import { useCallback, useRef, useState } from 'react';
import { api } from '../api.js';
import { Async, Badge, IdCell, TableHead } from '../components/common.js';
import { NamedLink } from '../components/FieldValue.js';
import { PathReason } from '../components/PathReason.js';
import { useI18n, type Key } from '../i18n/index.js';
import { useNames } from '../useNames.js';
import { Link, withView } from '../router.js';
import { useApp, useLoad } from '../state.js';
import { dependencyOf, type DependencyLike } from '../../../src/model/dependency.js';
import type { CheckReport as Check, ObjectOfKind, ObjectOut, PathsReport as Paths } from '../../../src/contracts/index.js';
import { BOX, layoutService, type Box, type ServiceFacts } from './serviceLayout.js';

/** The verdict of one element for the service. */
export type ElementVerdict = 'spof' | 'accepted' | 'ok';

const colours: Record<ElementVerdict, string> = { spof: '#c00000', accepted: '#b26b00', ok: '#2a7d2a' };

/** The path to the service view of an application used at a site. */
export function servicePath(site: string, application: string): string {
  return `/services/${encodeURIComponent(site)}/${encodeURIComponent(application)}`;
}

interface Loaded {
  readonly facts: ServiceFacts;
  readonly paths: Paths;
  readonly check: Check;
  readonly verdicts: Map<string, ElementVerdict>;
  readonly kinds: Map<string, string>;
}

/** The object as an application, or an error naming what it is instead (the route answers any kind). */
function asApplication(o: ObjectOut): ObjectOfKind<'application'> & { readonly depends_on?: readonly DependencyLike[] } {
  if (o.kind !== 'application') throw new Error(`${o.id} is a ${o.kind}, not an application`);
  return o as ObjectOfKind<'application'>;
}

async function load(site: string, application: string, view: { at: string; plan: string }, signal: AbortSignal): Promise<Loaded> {
  const [app, check] = await Promise.all([
    api.object(application, view, signal).then((a) => asApplication(a.body)),
    // Only this service's verdict and the SPOFs that break it (the server analyses just it).
    api.check(view, { application, site, limit: 100, spofLimit: 10_000, breaksLimit: 0 }, signal),
  ]);
  // The paths after the check, not beside it: the analysis thread that answered it holds this
  // estate read and projected, so the paths cost only their search. Asked together, two threads
  // would each read the whole estate first (on the `state` preset a second or two of work each).
  const [paths, deps] = await Promise.all([
    api.paths(site, application, view, signal),
    Promise.all(
      // An id alone is a loose dependency (src/model/dependency.ts).
      (app.depends_on ?? []).map(dependencyOf).map(async (d) => {
        const o = await api.object(d.application, view, signal).then((a) => asApplication(a.body), () => null);
        return { application: d.application, coupling: d.coupling, instances: o?.instances ?? [] };
      }),
    ),
  ]);
  // The paths drawn: the independent ones, else the two that share only a risk group (to show where).
  const drawn = paths.paths.length ? paths.paths : (paths.nodeLinkDisjoint?.paths ?? []);
  const status = new Map(check.spofs.map((s) => [s.element, s.status]));
  const verdicts = new Map<string, ElementVerdict>();
  const kinds = new Map<string, string>();
  for (const s of check.services)
    for (const b of s.breakers) {
      verdicts.set(b.id, status.get(b.id) === 'accepted' ? 'accepted' : 'spof');
      kinds.set(b.id, b.kind);
    }
  return { facts: { site, application, paths: drawn, instances: app.instances ?? [], dependencies: deps }, paths, check, verdicts, kinds };
}

/** The service view page (`/services/{site}/{application}`). */
export function ServiceView({ site, application }: { site: string; application: string }) {
  const { t } = useI18n();
  const { at, plan } = useApp();
  const state = useLoad((s) => load(site, application, { at, plan }, s), [site, application, at, plan]);
  const names = useNames([site, application]);
  return (
    <>
      <h1>
        {t('service.title', { application: names.get(application) ?? application, site: names.get(site) ?? site })}
      </h1>
      <p className="muted">
        <NamedLink id={application} /> · <NamedLink id={site} />
      </p>
      <Async state={state}>{(d) => <ServicePicture data={d} />}</Async>
    </>
  );
}

function ServicePicture({ data }: { data: Loaded }) {
  const { t, choice } = useI18n();
  const { facts, paths, check, verdicts, kinds } = data;
  const pad = 8;
  const [frame, width] = useWidth();
  // Across where it fits the frame, else down: never cut off (docs/ui.md, "Service").
  const layout = layoutService(facts, width - 2 * pad);
  const lineIds = layout.lines.flatMap((l) => (l.id ? [l.id] : []));
  const breakerIds = [...verdicts.keys()];
  const names = useNames([...new Set([...layout.boxes.map((b) => b.id), ...lineIds, ...breakerIds])]);
  const verdictOf = (id: string): ElementVerdict => verdicts.get(id) ?? 'ok';
  const word = (v: ElementVerdict) => t(`service.verdict.${v}` as Key);
  const service = check.services[0];
  // Breakers not drawn (risk groups, the data-center sites, …): listed with the picture's elements.
  const drawn = new Set([...layout.boxes.map((b) => b.id), ...lineIds]);
  const beside = breakerIds.filter((id) => !drawn.has(id));
  const rows: { id: string; kind: string; role: string; verdict: ElementVerdict }[] = [
    ...layout.boxes.map((b) => ({ id: b.id, kind: b.kind, role: t(`service.role.${b.role}` as Key), verdict: verdictOf(b.id) })),
    ...lineIds.filter((id, i) => lineIds.indexOf(id) === i).map((id) => ({ id, kind: 'link', role: t('service.role.link'), verdict: verdictOf(id) })),
    ...beside.map((id) => ({ id, kind: kinds.get(id) ?? 'device', role: t('service.role.beside'), verdict: verdictOf(id) })),
  ];
  const label = (id: string) => names.get(id) ?? id;
  const short = (s: string, max = 21) => (s.length > max ? `${s.slice(0, max - 1)}…` : s);
  return (
    <>
      <div className="figures">
        <p>
          {service ? (
            <>
              {!service.up ? <Badge colour="#c00000">{t('verdict.down')}</Badge> : service.redundant ? <Badge colour="#2ca02c">{t('verdict.redundant')}</Badge> : <Badge colour="#ff7f0e">{t('verdict.notRedundant')}</Badge>}
              {service.georedundant && (
                <>
                  {' '}
                  <Badge colour="#17becf">{t('verdict.georedundant')}</Badge>
                </>
              )}{' '}
              <span className="muted">
                {t('service.tenants')}: {check.services.map((s) => s.tenant).join(', ')}
              </span>
            </>
          ) : (
            <span className="muted">{t('service.noService')}</span>
          )}
        </p>
      </div>
      <p>
        <strong>{t(`paths.${paths.status}` as Key)}</strong>
      </p>
      {paths.reason && <PathReason reason={paths.reason} />}
      {paths.paths.length === 0 && facts.paths.length > 0 && <p>{t('map.sharedRisk')}</p>}
      <div className="service-picture" ref={frame} data-orientation={layout.orientation}>
        <svg width={layout.width + 2 * pad} height={layout.height + 2 * pad} viewBox={`${-pad} ${-pad} ${layout.width + 2 * pad} ${layout.height + 2 * pad}`} role="group" aria-label={t('service.picture')}>
          {layout.lines.map((l, i) => {
            const v = l.id ? verdictOf(l.id) : 'ok';
            const line = <polyline points={l.points.map((p) => p.join(',')).join(' ')} fill="none" stroke={l.id ? colours[v] : '#767676'} strokeWidth={l.id ? 3 : 1.5} strokeDasharray={l.coupling === 'loose' ? '6 4' : l.path === 1 ? '10 3' : undefined} />;
            if (!l.id) return <g key={i}>{line}</g>;
            const [x, y] = labelAt(l.points);
            const suffix = v !== 'ok' ? ` · ${word(v)}` : '';
            return (
              <a key={i} href={withView(`/objects/${encodeURIComponent(l.id)}`)} data-id={l.id} data-verdict={v}>
                <title>{`${label(l.id)} (${l.id}), ${t('kind.link')}: ${word(v)}`}</title>
                {line}
                <text x={x} y={y + 3.5} textAnchor="middle" fontSize="10" fill="#333" stroke="#fafafa" strokeWidth={3} paintOrder="stroke">
                  {short(label(l.id), Math.max(6, layout.labelChars - suffix.length))}
                  {suffix}
                </text>
              </a>
            );
          })}
          {layout.boxes.map((b) => (
            <ServiceBox key={b.id} box={b} name={label(b.id)} verdict={verdictOf(b.id)} word={word(verdictOf(b.id))} kind={t(`kind.${b.kind}` as Key)} short={short} />
          ))}
        </svg>
      </div>
      <p className="muted">{t('service.legend')}</p>
      <table>
        <caption>{t('service.elements')}</caption>
        <TableHead cols={[t('col.element'), t('col.kind'), t('service.col.role'), t('col.verdict')]} />
        <tbody>
          {rows.map((r) => (
            <tr key={`${r.role}-${r.id}`}>
              <IdCell id={r.id} />
              <td>{t(`kind.${r.kind}` as Key)}</td>
              <td>{r.role}</td>
              <td>
                <Badge colour={colours[r.verdict]}>{word(r.verdict)}</Badge>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {facts.dependencies.length > 0 && (
        <p className="muted">
          {t('service.couplings')}: {facts.dependencies.map((d) => `${label(d.application)} – ${choice('coupling', d.coupling)}`).join('; ')}
        </p>
      )}
    </>
  );
}

function ServiceBox({ box, name, verdict, word, kind, short }: { box: Box; name: string; verdict: ElementVerdict; word: string; kind: string; short: (s: string) => string }) {
  const emphasis = box.role === 'site' || box.role === 'application';
  return (
    <a href={withView(`/objects/${encodeURIComponent(box.id)}`)} data-id={box.id} data-verdict={verdict}>
      <title>{`${name} (${box.id}), ${kind}: ${word}`}</title>
      <rect x={box.x} y={box.y} width={BOX.w} height={BOX.h} rx={box.kind === 'application' ? 10 : 3} fill={emphasis ? '#eef3fb' : '#fff'} stroke={colours[verdict]} strokeWidth={verdict === 'ok' ? 1.5 : 3} />
      <text x={box.x + 8} y={box.y + 18} fontSize="12" fill="#111" fontWeight={emphasis ? 'bold' : undefined}>
        {short(name)}
      </text>
      <text x={box.x + 8} y={box.y + 35} fontSize="10" fill={verdict === 'ok' ? '#444' : colours[verdict]}>
        {kind} · {word}
      </text>
    </a>
  );
}

/**
 * Where a link's name goes: on its longest stretch, in the gap between the boxes (a halo keeps
 * it legible over the line) — halfway along a straight one, a quarter along a slanting one, so
 * that the names of two links that cross (paths changing sides) do not meet at the crossing.
 */
function labelAt(points: readonly (readonly [number, number])[]): [number, number] {
  let [a, b] = [points[0]!, points[1]!];
  for (let i = 2; i < points.length; i++) if (Math.hypot(points[i]![0] - points[i - 1]![0], points[i]![1] - points[i - 1]![1]) > Math.hypot(b[0] - a[0], b[1] - a[1])) [a, b] = [points[i - 1]!, points[i]!];
  const f = a[0] !== b[0] && a[1] !== b[1] ? 0.25 : 0.5;
  return [a[0] + f * (b[0] - a[0]), a[1] + f * (b[1] - a[1])];
}

/**
 * A ref for an element and its width in CSS pixels, followed as it changes (a rotated phone, a
 * resized window); until it is measured, the viewport's.
 */
function useWidth(): [(e: HTMLDivElement | null) => void, number] {
  const [width, setWidth] = useState(() => document.documentElement.clientWidth);
  const observer = useRef<ResizeObserver | null>(null);
  const ref = useCallback((e: HTMLDivElement | null) => {
    observer.current?.disconnect();
    if (!e) return;
    const measure = () => setWidth(e.clientWidth);
    measure();
    observer.current = new ResizeObserver(measure);
    observer.current.observe(e);
  }, []);
  return [ref, width];
}

/** Links to the service view of each service of an application, a site or a usage (on its object page). */
export function ServiceLinks({ obj }: { obj: { id: string; kind: string; application?: unknown; sites?: unknown } }) {
  const { t } = useI18n();
  const { at, plan } = useApp();
  const services = useLoad(
    async (s): Promise<[string, string][]> => {
      if (obj.kind === 'usage') return ((obj.sites as string[] | undefined) ?? []).map((site) => [site, obj.application as string]);
      if (obj.kind !== 'application' && obj.kind !== 'site') return [];
      const usages = await api.list('usage', { at, plan, [obj.kind === 'site' ? 'sites' : 'application']: obj.id, limit: 100 }, s);
      const pairs = usages.items.flatMap((u) => (u.sites ?? []).filter((x) => obj.kind !== 'site' || x === obj.id).map((site) => `${site} ${u.application}`));
      return [...new Set(pairs)].map((p) => p.split(' ') as [string, string]);
    },
    [obj.id, obj.kind, at, plan],
  );
  if (!['usage', 'application', 'site'].includes(obj.kind)) return null;
  return (
    <section aria-labelledby="h-services">
      <h2 id="h-services">{t('service.heading')}</h2>
      <Async state={services}>
        {(list) =>
          list.length === 0 ? (
            <p className="muted">{t('none')}</p>
          ) : (
            <ul className="service-links">
              {list.map(([site, app]) => (
                <li key={`${site}-${app}`}>
                  <ServiceLink site={site} application={app} />
                </li>
              ))}
            </ul>
          )
        }
      </Async>
    </section>
  );
}

/** A link to a service's view, named by its application and site. */
export function ServiceLink({ site, application }: { site: string; application: string }) {
  const { t } = useI18n();
  const names = useNames([site, application]);
  return <Link to={servicePath(site, application)}>{t('service.link', { application: names.get(application) ?? application, site: names.get(site) ?? site })}</Link>;
}

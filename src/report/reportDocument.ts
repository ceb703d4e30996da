/**
 * The continuity report as a document of sections, paragraphs and tables, in the reader's
 * language: built once, then written as Markdown or HTML (and PDF from the HTML).
 */
import type { AuditReport } from '../service/auditReport.js';
import { reportLocale, type ReportLang, type ReportLocale, type TextKey } from './reportText.js';

/** A block of a section. */
export type Block =
  | { readonly kind: 'p'; readonly text: string }
  | { readonly kind: 'list'; readonly items: readonly string[] }
  | { readonly kind: 'table'; readonly caption: string; readonly head: readonly string[]; readonly rows: readonly (readonly string[])[]; readonly numeric: readonly boolean[] };

/** A section with its anchor. */
export interface Section {
  readonly id: string;
  readonly title: string;
  readonly blocks: readonly Block[];
}

/** The whole report, ready to write. */
export interface ReportDocument {
  readonly lang: ReportLang;
  readonly title: string;
  /** Date and estate version: printed under the title and on every PDF page. */
  readonly at: string;
  readonly version: string;
  readonly meta: readonly { label: string; value: string }[];
  readonly sections: readonly Section[];
  /** Labels of the page footer. */
  readonly pageLabel: { at: string; version: string; page: string };
}

/** Builds the document of a report in a language. */
export function reportDocument(r: AuditReport, lang: ReportLang): ReportDocument {
  const l = reportLocale(lang);
  const { t, num } = l;
  const yesNo = (b: boolean | null): string => (b === null ? t('dash') : b ? t('yes') : t('no'));
  const table = (caption: string, head: TextKey[], rows: (string | number)[][], numeric: boolean[] = head.map(() => false)): Block => ({
    kind: 'table',
    caption,
    head: head.map((h) => t(h)),
    rows: rows.map((row) => row.map((c) => (typeof c === 'number' ? num(c) : c))),
    numeric,
  });
  const orNone = (blocks: Block[], has: boolean): Block[] => (has ? blocks : [{ kind: 'p', text: t('none') }]);
  const s = r.summary;
  const users = r.byTenant.reduce((n, x) => n + x.users, 0);
  const last = r.version.last;
  const version = !last ? t('versionEmpty') : last.id === null ? t('versionDate', { date: l.date(last.effective) }) : t('versionValue', { n: r.version.changesets, id: last.id, date: l.date(last.effective) });

  const sections: Section[] = [
    {
      id: 'summary',
      title: t('summary'),
      blocks: [
        { kind: 'p', text: t('summaryText', { services: num(s.services), users: num(users) }) },
        table(
          t('summary'),
          ['measure', 'value'],
          [
            [t('redundant'), `${num(s.redundant)} / ${num(s.services)}`],
            [t('georedundant'), `${num(s.georedundant)} / ${num(s.services)}`],
            [t('surviving'), `${num(s.surviving)} / ${num(s.services)}`],
            [t('down'), num(s.down)],
            [t('openSpofs'), num(s.open)],
            [t('acceptedSpofs'), num(s.accepted)],
          ],
          [false, true],
        ),
      ],
    },
    {
      id: 'spofs',
      title: t('spofs'),
      blocks: [
        { kind: 'p', text: t('spofsText') },
        ...orNone(
          [
            table(
              t('spofs'),
              ['element', 'kind', 'gap', 'status', 'services', 'users', 'applications', 'tenants'],
              r.spofs.map((x) => [x.element, kindLabel(l, x.kind), t(`gap.${x.gap}`), t(`status.${x.status}`), x.services, x.users, x.applications.join(', '), x.tenants.join(', ')]),
              [false, false, false, false, true, true, false, false],
            ),
          ],
          r.spofs.length > 0,
        ),
      ],
    },
    {
      id: 'by-application',
      title: t('byApplication'),
      blocks: [table(t('byApplication'), ['application', 'services', 'users', 'spofs'], r.byApplication.map((a) => [`${a.name} (${a.application})`, a.services, a.users, a.spofs.join(', ') || t('dash')]), [false, true, true, false])],
    },
    {
      id: 'by-tenant',
      title: t('byTenant'),
      blocks: [table(t('byTenant'), ['tenant', 'services', 'users', 'spofs'], r.byTenant.map((a) => [`${a.name} (${a.tenant})`, a.services, a.users, a.spofs.join(', ') || t('dash')]), [false, true, true, false])],
    },
    {
      id: 'accepted-risks',
      title: t('acceptedRisks'),
      blocks: orNone(
        [table(t('acceptedRisks'), ['element', 'reason', 'acceptedBy', 'acceptedOn', 'reviewBy', 'status'], r.acceptedRisks.map((a) => [a.element, a.reason, a.acceptedBy, l.date(a.acceptedOn), l.date(a.reviewBy), a.expired ? t('expired') : t('status.accepted')]))],
        r.acceptedRisks.length > 0,
      ),
    },
    {
      id: 'distances',
      title: t('distances'),
      blocks: [
        { kind: 'p', text: t('distancesText', { min: num(r.distances.thresholds.minimumKm), rec: num(r.distances.thresholds.recommendedKm) }) },
        ...orNone(
          [table(t('distances'), ['application', 'datacenters', 'distance', 'flag'], r.distances.applications.map((a) => [a.application, a.sites.join(', '), a.distanceKm === null ? t('dash') : num(a.distanceKm, 1), t(`flag.${a.flag}` as TextKey)]), [false, false, true, false])],
          r.distances.applications.length > 0,
        ),
      ],
    },
    {
      id: 'availability',
      title: t('availability'),
      blocks: orNone(
        [
          table(
            t('availability'),
            ['application', 'target', 'worst', 'downtime', 'meets', 'services'],
            r.availability.map((a) => [`${a.name} (${a.application})`, a.target === null ? t('dash') : l.pct(a.target), l.pct(a.worst), num(a.downtimeMinutesPerYear, 1), yesNo(a.meets), a.services]),
            [false, true, true, true, false, true],
          ),
        ],
        r.availability.length > 0,
      ),
    },
    recoverySection(r, l),
    {
      id: 'failover-tests',
      title: t('failoverTests'),
      blocks: orNone(
        [
          table(
            t('failoverTests'),
            ['application', 'criticality', 'lastTest', 'result', 'nextDue', 'status'],
            r.failoverTests.applications.map((a) => [
              a.application,
              l.choice('criticality', a.criticality),
              a.lastTest ? `${l.date(a.lastTest.date)}${a.lastTest.id ? ` (${a.lastTest.id})` : ''}` : t('dash'),
              a.lastTest ? l.choice('failoverResult', a.lastTest.result) : t('dash'),
              a.nextDue ? l.date(a.nextDue) : t('dash'),
              t(`test.${a.status}`),
            ]),
          ),
        ],
        r.failoverTests.applications.length > 0,
      ),
    },
    ...(r.changes && r.since ? [changesSection(r.changes, r.since, l)] : []),
  ];
  const at = l.date(r.at);
  return {
    lang,
    title: r.tenant ? t('titleTenant', { tenant: r.tenant.name }) : t('title'),
    at,
    version,
    meta: [
      { label: t('at'), value: at },
      { label: t('version'), value: version },
    ],
    sections,
    pageLabel: { at: t('at'), version: t('version'), page: t('page', { page: '{page}', pages: '{pages}' }) },
  };
}

/** A kind by its label in the reader's language. */
function kindLabel(l: ReportLocale, kind: string): string {
  const key = `kind.${kind}` as TextKey;
  return l.t(key) === key ? kind : l.t(key);
}

function recoverySection(r: AuditReport, l: ReportLocale): Section {
  const { t, num } = l;
  const rec = r.recovery;
  const blocks: Block[] = [];
  if (!rec.scenario) blocks.push({ kind: 'p', text: t('recoveryNone') });
  else {
    const c = rec.scenario.capacity;
    const capacity = t('capacity', { apps: c.appsPerSlot === null ? t('unlimited') : num(c.appsPerSlot), vcpu: c.vcpuPerSlot === null ? t('unlimited') : num(c.vcpuPerSlot), hours: num(c.slotHours, 2), shifts: c.shifts });
    const vars = { fail: rec.scenario.fail.join(', ') || t('dash'), start: l.dateTime(rec.scenario.start), capacity };
    blocks.push({ kind: 'p', text: t(rec.scenario.chosen === 'given' ? 'recoveryGiven' : 'recoveryWorst', vars) });
    if (rec.solver) {
      const how = rec.solver.name === 'greedy' && !rec.solver.optimal ? t('greedy') : rec.solver.optimal ? t('optimal') : t('notOptimal', { bound: num(rec.solver.bound.missed) });
      blocks.push({ kind: 'p', text: t('recoverySolver', { how }) });
    }
  }
  blocks.push({
    kind: 'table',
    caption: t('recovery'),
    head: [t('application'), t('criticality'), t('mtd'), t('rto'), t('rpo'), t('emergency'), t('usefulAfter'), t('meets')],
    rows: rec.applications.map((a) => [
      `${a.name} (${a.application})`,
      l.choice('criticality', a.criticality),
      a.mtd_h === null ? t('dash') : num(a.mtd_h, 2),
      a.rto_h === null ? t('dash') : num(a.rto_h, 2),
      a.rpo_h === null ? t('dash') : num(a.rpo_h, 2),
      a.emergency_level === null ? t('dash') : l.pct(a.emergency_level).replace(/,00 %|\.00 %/, ' %'),
      a.usefulAfterH === null ? t('dash') : num(a.usefulAfterH, 1),
      a.meetsRto === null ? t('dash') : a.meetsRto ? t('yes') : t('no'),
    ]),
    numeric: [false, false, true, true, true, true, true, false],
  });
  if (rec.misses.length) {
    blocks.push({
      kind: 'table',
      caption: t('misses'),
      head: [t('application'), t('tenant'), t('target'), t('deadline'), t('usefulAt'), t('why')],
      rows: rec.misses.map((m) => [m.application, m.tenant ?? t('dash'), t(`target.${m.target}`), l.dateTime(m.deadline), l.dateTime(m.usefulAt), `${t(`why.${m.why}`)}: ${m.detail}`]),
      numeric: [false, false, false, false, false, false],
    });
  }
  return { id: 'recovery', title: t('recovery'), blocks };
}

function changesSection(c: NonNullable<AuditReport['changes']>, since: string, l: ReportLocale): Section {
  const { t } = l;
  const blocks: Block[] = [];
  if (c.changesets.length) blocks.push({ kind: 'table', caption: t('changeSets'), head: [t('date'), t('changeSets'), t('title_')], rows: c.changesets.map((x) => [l.date(x.effective), x.id, x.title]), numeric: [false, false, false] });
  const rows = [
    ...c.added.map((o) => [t('added'), o.id, kindLabel(l, o.kind), t('dash')]),
    ...c.removed.map((o) => [t('removed'), o.id, kindLabel(l, o.kind), t('dash')]),
    ...c.changed.map((o) => [t('changed'), o.id, kindLabel(l, o.kind), o.fields.join(', ')]),
  ];
  if (rows.length) blocks.push({ kind: 'table', caption: t('changes', { since: l.date(since) }), head: [t('status'), t('element'), t('kind'), t('fields')], rows, numeric: [false, false, false, false] });
  if (!blocks.length) blocks.push({ kind: 'p', text: t('none') });
  return { id: 'changes', title: t('changes', { since: l.date(since) }), blocks };
}

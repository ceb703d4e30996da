/**
 * Texts the server writes itself — titles (and `plan joint`'s notes) of the plans and change sets it generates, the
 * warnings of `plan waves` and `plan joint` — as a code with parameters, so that a client shows them in its
 * user's language; the English text stays the fallback (and is what the database stores).
 *
 * Each template formats its English text and recognizes it again: a stored title is matched
 * against the templates when an answer is presented (titles are stored as text; recognizing
 * them needs no migration and also covers change sets written before codes existed). A title
 * a user typed that reads exactly like a template is shown as that sentence in the language —
 * which is what it says.
 */

import type { ServerText } from '../contracts/common.js';
import { describeBlackout } from '../planning/calendar.js';

/** A server text as a code and its parameters (docs/api.md, "Texts the server writes"): part of the API's contract. */
export type { ServerText };

type Params = Record<string, string | number>;

interface Template {
  readonly en: (p: Params) => string;
  /** Recognizes the English text; its named groups are the parameters (numbers where `numbers` says). */
  readonly re?: RegExp;
  readonly numbers?: readonly string[];
}

const FREES_NUMBERS = ['usages', 'vcpu', 'ram', 'storage'] as const;

/** What a joint operation's change set does and frees; `instances` and `versions` only when given. */
function freesText(p: Params): string {
  const instances = p.instances ? ` and the instances ${p.instances}` : '';
  const check = p.versions ? ` Check first: versions differ: ${p.versions}.` : '';
  return `${p.usages} usages move to ${p.keep}; frees ${p.vcpu} vCPU, ${p.ram} GB RAM, ${p.storage} TB storage${instances}.${check}`;
}

/** Recognizes {@link freesText} with or without its instances and its check. */
function freesRe(instances: boolean, check: boolean): RegExp {
  const n = '-?\\d+(?:\\.\\d+)?';
  return new RegExp(
    `^(?<usages>\\d+) usages move to (?<keep>\\S+); frees (?<vcpu>${n}) vCPU, (?<ram>${n}) GB RAM, (?<storage>${n}) TB storage` +
      `${instances ? ' and the instances (?<instances>\\S+(?:, \\S+)*)' : ''}\\.${check ? ' Check first: versions differ: (?<versions>.+)\\.' : ''}$`,
  );
}

const templates = {
  'plan.move': { en: (p) => `Move ${p.from} → ${p.to}`, re: /^Move (?<from>\S+) → (?<to>\S+)$/ },
  'plan.wave': {
    en: (p) => `Wave ${p.wave} of ${p.waves} to ${p.to}: ${p.applications}`,
    re: /^Wave (?<wave>\d+) of (?<waves>\d+) to (?<to>\S+): (?<applications>.+)$/,
    numbers: ['wave', 'waves'],
  },
  'plan.joint': { en: (p) => `Joint operation: ${p.product}`, re: /^Joint operation: (?<product>.+)$/ },
  'plan.jointChange': {
    en: (p) => `${p.product}: ${p.keep} serves every tenant; ${p.retired} retired`,
    re: /^(?<product>.+): (?<keep>\S+) serves every tenant; (?<retired>.+) retired$/,
  },
  'netbox.sync': {
    en: (p) => `NetBox sync: ${p.added} added, ${p.removed} removed, ${p.changed} changed`,
    re: /^NetBox sync: (?<added>\d+) added, (?<removed>\d+) removed, (?<changed>\d+) changed$/,
    numbers: ['added', 'removed', 'changed'],
  },
  'object.create': { en: (p) => `create ${p.id}`, re: /^create (?<id>[a-z0-9][a-z0-9._-]*)$/ },
  'object.update': { en: (p) => `update ${p.id}`, re: /^update (?<id>[a-z0-9][a-z0-9._-]*)$/ },
  'object.delete': { en: (p) => `delete ${p.id}`, re: /^delete (?<id>[a-z0-9][a-z0-9._-]*)$/ },
  'estate.initial': { en: () => 'Initial estate', re: /^Initial estate$/ },
  // The initial change sets the importers write (src/interop: readGraphml, readSndlib, and an
  // export's snapshot, toFileDocument); interop sits below this layer, so they write the English
  // text and are recognized here (test/serverTexts.test.ts reads their real output back).
  'import.network': { en: (p) => `Network ${p.network} (${p.format}, ${p.file})`, re: /^Network (?<network>.+) \((?<format>GraphML|SNDlib (?:XML|native)), (?<file>[^,()]+)\)$/ },
  'estate.snapshot': { en: (p) => `Estate at ${p.at}`, re: /^Estate at (?<at>\d{4}-\d{2}-\d{2}(?: \d{2}:\d{2}(?::\d{2})? UTC)?)$/ },
  // `plan joint --apply` (src/service/jointOperation.ts): the plan's notes and its change
  // set's. What the change set frees names the instances only when there are any and asks to
  // check the versions only when they differ: four texts, so that each language writes its
  // own sentence (numbers are parameters, shown in the locale).
  'joint.consolidates': { en: (p) => `Consolidates ${p.applications} (${p.product}) onto ${p.keep}.`, re: /^Consolidates (?<applications>[^()]+) \((?<product>.+)\) onto (?<keep>\S+)\.$/ },
  'joint.frees': { en: (p) => freesText(p), re: freesRe(false, false), numbers: FREES_NUMBERS },
  'joint.freesInstances': { en: (p) => freesText(p), re: freesRe(true, false), numbers: FREES_NUMBERS },
  'joint.freesCheck': { en: (p) => freesText(p), re: freesRe(false, true), numbers: FREES_NUMBERS },
  'joint.freesInstancesCheck': { en: (p) => freesText(p), re: freesRe(true, true), numbers: FREES_NUMBERS },
  // `plan restore` (src/service/restorePlan.ts): the plan, its incident and its steps. A step
  // restores applications or only brings dependencies back, and serves tenants again or none:
  // four texts, the more specific first (the first template that reads a title back wins).
  'plan.restore': { en: (p) => `Restore after the failure of ${p.fail}`, re: /^Restore after the failure of (?<fail>.+)$/ },
  'restore.incident': { en: (p) => `Incident: ${p.fail} failed; ${p.count} applications to restore`, re: /^Incident: (?<fail>.+) failed; (?<count>\d+) applications to restore$/, numbers: ['count'] },
  'restore.dependenciesServed': {
    en: (p) => `Restore step ${p.step} of ${p.steps}: dependencies back (${p.tenants} tenants served again)`,
    re: /^Restore step (?<step>\d+) of (?<steps>\d+): dependencies back \((?<tenants>\d+) tenants served again\)$/,
    numbers: ['step', 'steps', 'tenants'],
  },
  'restore.dependencies': { en: (p) => `Restore step ${p.step} of ${p.steps}: dependencies back`, re: /^Restore step (?<step>\d+) of (?<steps>\d+): dependencies back$/, numbers: ['step', 'steps'] },
  'restore.stepServed': {
    en: (p) => `Restore step ${p.step} of ${p.steps}: ${p.applications} (${p.tenants} tenants served again)`,
    re: /^Restore step (?<step>\d+) of (?<steps>\d+): (?<applications>.+) \((?<tenants>\d+) tenants served again\)$/,
    numbers: ['step', 'steps', 'tenants'],
  },
  'restore.step': { en: (p) => `Restore step ${p.step} of ${p.steps}: ${p.applications}`, re: /^Restore step (?<step>\d+) of (?<steps>\d+): (?<applications>.+)$/, numbers: ['step', 'steps'] },
  // Warnings of `plan waves` (answered, never stored: no need to recognize them).
  'waves.tightToTarget': { en: (p) => `${p.from} is tightly coupled to ${p.to}, which is at ${p.site} already: split until ${p.from} moves` },
  'waves.alreadyScheduled': {
    en: (p) => {
      const dates = String(p.dates).split(', ');
      const sets = String(p.changesets).split(', ').map((id, i) => `${id} on ${dates[i]}`);
      return `${p.applications} ${Number(p.count) > 1 ? 'are' : 'is'} scheduled already by the accepted plan ${p.plan} (${sets.join(', ')}); this plan moves ${Number(p.count) > 1 ? 'them' : 'it'} again: cancel those change sets or drop this plan`;
    },
  },
  'waves.resolved': { en: (p) => `${p.count} re-solve${Number(p.count) > 1 ? 's' : ''}: some move groups did not fit device by device on the day first chosen and were kept off it; the plan is not proven optimal` },
  'waves.lateOverrun': {
    en: (p) => `${p.device} has ${p.free} ${p.dimension} free from ${p.date} (after --end ${p.end}), less than the ${p.placed} this plan places on it (${p.applications})`,
  },
  // Warnings of `plan joint --apply` (answered, never stored). With a reason and without.
  'joint.blackout': { en: (p) => `${p.at} falls in a blackout of ${p.application}: ${describeBlackout({ from: String(p.from), to: String(p.to) })}` },
  'joint.blackoutReason': { en: (p) => `${p.at} falls in a blackout of ${p.application}: ${describeBlackout({ from: String(p.from), to: String(p.to), reason: String(p.reason) })}` },
} satisfies Record<string, Template>;

/** The codes of the server's texts. */
export type ServerTextCode = keyof typeof templates;

/** Every code (a test checks that the web UI has a text for each in both languages). */
export const serverTextCodes = Object.keys(templates) as ServerTextCode[];

/** A server text in English (the fallback and what is stored). */
export function english(code: ServerTextCode, params: Params): string {
  return (templates[code] as Template).en(params);
}

/** A server text: its code, parameters and English message, as the API answers warnings. */
export function notice(code: ServerTextCode, params: Params): ServerText & { readonly message: string } {
  return { code, params, message: english(code, params) };
}

/** The code and parameters of a title the server wrote, or null for a title of a user's own. */
export function textOf(title: string): ServerText | null {
  for (const [code, t] of Object.entries(templates) as [ServerTextCode, Template][]) {
    const m = t.re?.exec(title);
    if (!m) continue;
    const params: Params = {};
    for (const [k, v] of Object.entries(m.groups ?? {})) params[k] = t.numbers?.includes(k) ? Number(v) : v;
    // Only a text the template writes back exactly is its (no partial or ambiguous reading).
    if (t.en(params) === title) return { code, params };
  }
  return null;
}

/** A plan as answered: its title and its notes with their codes (null for a user's own text). */
export function withPlanTexts<P extends { readonly title: string; readonly notes?: string | undefined }>(p: P): P & { text: ServerText | null; notesText: ServerText | null } {
  return { ...p, text: textOf(p.title), notesText: p.notes === undefined ? null : textOf(p.notes) };
}

/** The JSON schema of a server text (nullable: a user's own title has none). */
export const serverTextSchema = {
  type: ['object', 'null'],
  required: ['code', 'params'],
  additionalProperties: false,
  properties: { code: { type: 'string' }, params: { type: 'object', additionalProperties: { type: ['string', 'number'] } } },
  description: 'The title as a code with parameters when the server wrote it (docs/api.md, "Texts the server writes"); null for a title of a user\'s own.',
} as const;

/** A notice's JSON schema: a code, its parameters and the English message. */
export const noticeSchema = {
  type: 'object',
  required: ['code', 'params', 'message'],
  additionalProperties: false,
  properties: { code: { type: 'string' }, params: { type: 'object', additionalProperties: { type: ['string', 'number'] } }, message: { type: 'string' } },
} as const;

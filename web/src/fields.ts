/**
 * How the edit form shows each field of each kind: a text, a number with its unit, a choice
 * (select), a reference (searchable picker) or a list of them, a group of numbers (location,
 * capacity). The model's schemas are the truth; `test/web.fields.test.ts` checks that this
 * table names every field of every kind with the model's type, choices and reference kinds.
 */
import type { ChoiceSetName } from '../../src/model/choices.js';
import { fileKeyOfKind, type Kind } from '../../src/model/kinds.js';
import { referenceSpecs } from '../../src/model/references.js';

/** A number field: its unit (shown beside the input), bounds and whether it is a share (0..1). */
export interface NumberSpec {
  readonly name: string;
  readonly type: 'number';
  readonly unit?: string;
  readonly integer?: boolean;
  /** A probability in (0, 1]: shown as a percentage beside the input. */
  readonly share?: boolean;
}

/** A choice field (select): values and labels from the model's choice set. */
export interface ChoiceSpec {
  readonly name: string;
  readonly type: 'choice';
  readonly set: ChoiceSetName;
}

/** One field of the edit form. */
export type FieldSpec =
  | { readonly name: string; readonly type: 'text' | 'multiline' | 'texts' | 'date' | 'date-ranges' }
  | NumberSpec
  | ChoiceSpec
  | { readonly name: string; readonly type: 'ref' | 'refs' | 'deps'; readonly kinds: readonly Kind[] }
  | { readonly name: string; readonly type: 'group'; readonly fields: readonly (NumberSpec | ChoiceSpec)[] };

const text = (name: string): FieldSpec => ({ name, type: 'text' });
const num = (name: string, unit?: string, more: Partial<NumberSpec> = {}): NumberSpec => ({ name, type: 'number', ...(unit && { unit }), ...more });
const choice = (name: string, set: ChoiceSetName): ChoiceSpec => ({ name, type: 'choice', set });
const share = (name: string): NumberSpec => num(name, undefined, { share: true });

/** A reference field of the kind, with the kinds the model lets it point to. */
function ref(kind: Kind, name: string, type: 'ref' | 'refs' | 'deps' = 'ref'): FieldSpec {
  const spec = referenceSpecs[kind].find((r) => r.field === name);
  return { name, type, kinds: spec?.kinds ?? [] };
}

const common = (first: readonly FieldSpec[], rest: readonly FieldSpec[]): readonly FieldSpec[] => [text('name'), ...first, ...rest, { name: 'tags', type: 'texts' }, { name: 'notes', type: 'multiline' }, text('source')];
/** BSI 200-4 recovery targets (docs/continuity.md), on applications and, tighter, on usages. */
const recovery: FieldSpec = { name: 'recovery', type: 'group', fields: [num('mtd_h', 'h'), num('rto_h', 'h'), num('rpo_h', 'h'), share('emergency_level'), choice('criticality', 'criticality')] };
const reliability = [share('availability'), num('mtbf_h', 'h'), num('mttr_h', 'h')];

/** The editable fields of each kind, in the order the form shows them (the id is not editable). */
export const fieldSpecs: Readonly<Record<Kind, readonly FieldSpec[]>> = {
  organization: common([choice('type', 'organizationType')], [{ name: 'ags', type: 'text' }, ref('organization', 'member_of', 'refs'), ref('organization', 'customer_of', 'refs')]),
  site: common(
    [choice('type', 'siteType')],
    [
      ref('site', 'organization'),
      { name: 'location', type: 'group', fields: [num('lat', '°'), num('lon', '°')] },
      text('address'),
      text('certification'),
      { name: 'capacity', type: 'group', fields: [num('racks'), num('power_kw', 'kW')] },
    ],
  ),
  'risk-group': common([choice('type', 'riskGroupType')], [{ name: 'members', type: 'refs', kinds: ['device', 'link'] }, share('availability')]),
  device: common(
    [ref('device', 'site'), choice('role', 'deviceRole')],
    [
      choice('status', 'deviceStatus'),
      ...reliability,
      { name: 'capacity', type: 'group', fields: [num('vcpu'), num('ram_gb', 'GB'), num('storage_tb', 'TB'), num('rack_units', 'HE'), num('power_kw', 'kW')] },
      ref('device', 'risk_groups', 'refs'),
    ],
  ),
  link: common(
    [ref('link', 'a'), ref('link', 'b'), choice('type', 'linkType')],
    [ref('link', 'carrier'), num('length_km', 'km'), num('capacity_gbps', 'Gbit/s'), ref('link', 'risk_groups', 'refs'), text('redundancy_group'), ...reliability],
  ),
  application: common(
    [text('category'), text('product'), text('version'), choice('status', 'applicationStatus')],
    [
      ref('application', 'operator'),
      ref('application', 'instances', 'refs'),
      ref('application', 'depends_on', 'deps'),
      share('target_availability'),
      recovery,
      { name: 'size', type: 'group', fields: [num('vcpu'), num('ram_gb', 'GB'), num('storage_tb', 'TB')] },
      { name: 'blackouts', type: 'date-ranges' },
    ],
  ),
  usage: common([ref('usage', 'tenant'), ref('usage', 'application'), ref('usage', 'sites', 'refs')], [num('users', undefined, { integer: true }), recovery]),
  'risk-acceptance': common(
    [ref('risk-acceptance', 'element')],
    [{ name: 'reason', type: 'multiline' }, text('accepted_by'), { name: 'accepted_on', type: 'date' }, { name: 'review_by', type: 'date' }],
  ),
  'failover-test': common(
    [{ name: 'date', type: 'date' }, ref('failover-test', 'failed', 'refs'), choice('mode', 'failoverMode'), choice('result', 'failoverResult')],
    [{ name: 'findings', type: 'multiline' }, { name: 'next_due', type: 'date' }],
  ),
};

/** Fields every object of the kind must have: the form offers no removal for them. */
export const requiredFields: Readonly<Record<Kind, ReadonlySet<string>>> = {
  organization: new Set(['name', 'type']),
  site: new Set(['name', 'type']),
  'risk-group': new Set(['name', 'type']),
  device: new Set(['name', 'site', 'role']),
  link: new Set(['a', 'b', 'type']),
  application: new Set(['name']),
  usage: new Set(['tenant', 'application', 'sites']),
  'risk-acceptance': new Set(['name', 'element', 'reason', 'accepted_by', 'accepted_on', 'review_by']),
  'failover-test': new Set(['name', 'date', 'failed', 'mode', 'result']),
};

/** The list route of a kind (`risk-groups`, `sites`, …). */
export function listOf(kind: Kind): string {
  return fileKeyOfKind[kind].replace('_', '-');
}

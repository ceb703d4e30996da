/** The table of added, removed and changed objects, shared by `diff` and `import netbox --dry-run`. */
import { cell, table } from './table.js';

/** What a diff table shows. */
export interface DiffRows {
  readonly added: readonly { kind: string; id: string; name?: unknown }[];
  readonly removed: readonly { kind: string; id: string; name?: unknown }[];
  readonly changed: readonly { kind: string; id: string; fields: readonly { field: string; from: unknown; to: unknown }[] }[];
}

/** The table, or '' when nothing differs. */
export function diffTable(d: DiffRows): string {
  const rows: unknown[][] = [
    ...d.added.map((o) => ['+', o.kind, o.id, o.name ?? '']),
    ...d.removed.map((o) => ['-', o.kind, o.id, o.name ?? '']),
    ...d.changed.map((c) => ['~', c.kind, c.id, c.fields.map((f) => `${f.field}: ${cell(f.from) || '∅'} → ${cell(f.to) || '∅'}`).join('; ')]),
  ];
  return rows.length ? table(['', 'kind', 'id', 'name / changes'], rows) : '';
}

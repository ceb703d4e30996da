/**
 * CSV import of one kind per file (header row = field names, dots for nested fields, `;`
 * between list items). Cell types follow the kind's schema.
 */
import { parse } from 'csv-parse/sync';
import type { Problem } from '../model/errors.js';
import type { Kind } from '../model/kinds.js';
import type { CreateChange } from '../timeline/changeSet.js';
import { csvSeparator, readCsvNumber, type CsvLocale } from './csvNumber.js';
import { fieldTypeOf } from './fieldTypeOf.js';

/**
 * Parses a CSV file of objects of `kind`; every problem is reported with its row (and the
 * column as `field`). The separator is `;` for `de`, `,` for `en`, and taken from the header
 * row for `auto`; numbers are read by {@link readCsvNumber}.
 */
export function parseCsvText(text: string, file: string, kind: Kind, locale: CsvLocale = 'auto'): { objects: CreateChange[]; problems: Problem[] } {
  const problems: Problem[] = [];
  const objects: CreateChange[] = [];
  const { delimiter, hint } = csvSeparator(text.replace(/^\uFEFF/, ''), locale);
  if (hint) return { objects, problems: [{ code: 'INVALID_INPUT', message: hint, file, row: 1 }] };
  let records: { record: Record<string, string>; info: { lines: number } }[];
  try {
    // A column named twice would keep only its last cell per row: refuse it instead.
    const columns = (header: string[]): string[] => {
      const twice = header.filter((c, i) => header.indexOf(c) !== i);
      for (const c of new Set(twice)) problems.push({ code: 'INVALID_INPUT', message: `column "${c}" is named twice in the header`, file, row: 1, field: c });
      return header;
    };
    records = parse(text, { columns, bom: true, delimiter, skip_empty_lines: true, trim: true, info: true, relax_column_count: false }) as typeof records;
  } catch (e) {
    const err = e as Error & { lines?: number };
    return { objects, problems: [{ code: 'INVALID_INPUT', message: `malformed CSV: ${err.message}`, file, ...(err.lines !== undefined && { row: err.lines }) }] };
  }
  for (const { record, info } of records) {
    const row = info.lines;
    const fields: Record<string, unknown> = { kind };
    for (const [column, cell] of Object.entries(record)) {
      if (cell === '') continue;
      const path = column.split('.');
      const type = fieldTypeOf(kind, path);
      let value: unknown = cell;
      if (type === 'unknown') {
        problems.push({ code: 'INVALID_INPUT', message: `unknown column "${column}" for ${kind}`, file, row, field: column, ...(record.id && { id: record.id }) });
        continue;
      }
      if (type === 'number') {
        const n = readCsvNumber(cell, locale);
        if ('error' in n) {
          problems.push({ code: 'INVALID_INPUT', message: n.error, file, row, field: column, ...(record.id && { id: record.id }) });
          continue;
        }
        value = n.value;
      } else if (type === 'list') {
        // In a file separated by ';' a list cell is quoted ("a;b"), as Excel writes it.
        value = cell.split(';').map((s) => s.trim()).filter(Boolean);
      }
      setPath(fields, path, value);
    }
    if (typeof fields.id !== 'string') {
      problems.push({ code: 'INVALID_INPUT', message: 'the row has no id', file, row, field: 'id' });
      continue;
    }
    objects.push({ op: 'create', id: fields.id, fields, origin: { file, row } });
  }
  return { objects, problems };
}

function setPath(target: Record<string, unknown>, path: readonly string[], value: unknown): void {
  let node = target;
  for (const key of path.slice(0, -1)) node = (node[key] ??= {}) as Record<string, unknown>;
  node[path[path.length - 1]!] = value;
}

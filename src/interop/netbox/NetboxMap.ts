/**
 * The mapping file the NetBox import reads beside the pull (docs/netbox.md): how tenants,
 * sites and device roles map, and the applications and usages NetBox has no model for.
 * Every part is optional; without a file the defaults of docs/netbox.md apply.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { z } from 'zod';
import { VerbundError, type Problem } from '../../model/errors.js';
import { choiceValues } from '../../model/choices.js';

const slugList = z.array(z.string().min(1));

/** A rule that types a site: the first rule whose tag, site group or region matches wins. */
const siteRule = z
  .strictObject({
    tag: z.string().optional(),
    group: z.string().optional(),
    region: z.string().optional(),
    type: z.enum(choiceValues('siteType')),
  })
  .refine((r) => [r.tag, r.group, r.region].filter((x) => x !== undefined).length === 1, 'a site rule names exactly one of tag, group, region');

/** An application: instances name NetBox devices (by name or `display`), `cluster:NAME` or `vm:NAME`. */
const application = z.strictObject({
  id: z.string(),
  name: z.string(),
  category: z.string().optional(),
  product: z.string().optional(),
  instances: slugList,
  depends_on: slugList.optional(),
  target_availability: z.number().optional(),
});

/** A usage: a tenant (NetBox slug) uses an application at sites (NetBox slugs). */
const usage = z.strictObject({
  id: z.string().optional(),
  tenant: z.string(),
  application: z.string(),
  sites: slugList,
  users: z.number().int().nonnegative().optional(),
});

const netboxMapSchema = z.strictObject({
  tenants: z
    .strictObject({
      municipality_groups: slugList.optional(),
      municipality_tags: slugList.optional(),
      default_type: z.enum(choiceValues('organizationType')).optional(),
    })
    .optional(),
  sites: z.strictObject({ default_type: z.enum(choiceValues('siteType')).optional(), types: z.array(siteRule).optional() }).optional(),
  roles: z.record(z.string(), z.enum(choiceValues('deviceRole'))).optional(),
  applications: z.array(application).optional(),
  usages: z.array(usage).optional(),
});

/** A mapping file, validated. */
export type NetboxMap = z.infer<typeof netboxMapSchema>;

/** Reads and validates a mapping file (YAML or JSON); INVALID_INPUT lists every problem with its field. */
export function readNetboxMap(file: string): NetboxMap {
  let doc: unknown;
  try {
    doc = parse(readFileSync(file, 'utf8')) ?? {};
  } catch (e) {
    throw new VerbundError('INVALID_INPUT', `${file}: ${(e as Error).message}`);
  }
  return parseNetboxMap(doc, file);
}

/** Validates a mapping document already parsed (the API sends it as JSON). */
export function parseNetboxMap(doc: unknown, file: string): NetboxMap {
  const r = netboxMapSchema.safeParse(doc ?? {});
  if (r.success) return r.data;
  const problems: Problem[] = r.error.issues.map((i) => ({ code: 'INVALID_INPUT', file, field: i.path.join('.'), message: i.message }));
  throw new VerbundError('INVALID_INPUT', `${file}: the NetBox mapping file is invalid`, problems);
}

/**
 * The YAML 1.2 core schema for js-yaml, scalar for scalar as the `yaml` parser reads it:
 * js-yaml's own core schema still reads YAML 1.1 numbers (`1_000`, `0b11`) that YAML 1.2
 * keeps as text. A test checks both parsers read the same.
 */
import { FAILSAFE_SCHEMA, Type } from 'js-yaml';

const nul = /^(?:~|null|Null|NULL)?$/;
const bool = /^(?:true|True|TRUE|false|False|FALSE)$/;
const int = /^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$/;
const float = /^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/;

function number(text: string): number {
  if (text.startsWith('0o')) return parseInt(text.slice(2), 8);
  if (text.startsWith('0x')) return parseInt(text.slice(2), 16);
  const inf = /^([-+]?)\.(?:inf|Inf|INF)$/.exec(text);
  if (inf) return inf[1] === '-' ? -Infinity : Infinity;
  if (/^\.(?:nan|NaN|NAN)$/.test(text)) return NaN;
  return Number(text);
}

/** The schema: failsafe plus null, bool, int and float of YAML 1.2's core schema. */
export const yamlCoreSchema = FAILSAFE_SCHEMA.extend({
  implicit: [
    new Type('tag:yaml.org,2002:null', { kind: 'scalar', resolve: (d: unknown) => d === null || (typeof d === 'string' && nul.test(d)), construct: () => null }),
    new Type('tag:yaml.org,2002:bool', { kind: 'scalar', resolve: (d: unknown) => typeof d === 'string' && bool.test(d), construct: (d: string) => d.toLowerCase() === 'true' }),
    new Type('tag:yaml.org,2002:int', { kind: 'scalar', resolve: (d: unknown) => typeof d === 'string' && int.test(d), construct: number }),
    new Type('tag:yaml.org,2002:float', { kind: 'scalar', resolve: (d: unknown) => typeof d === 'string' && float.test(d), construct: number }),
  ],
});

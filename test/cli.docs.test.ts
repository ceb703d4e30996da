/**
 * docs/cli.md against the commander declarations of src/cli/main.ts: every command and every
 * option declared is documented in the section of its command, and every command and option
 * the page names exists (docs/design.md, "Rules the tools enforce").
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import type { Command } from 'commander';
import { buildProgram } from '../src/cli/main.js';

const page = readFileSync(join(import.meta.dirname, '..', 'docs', 'cli.md'), 'utf8');
const program = buildProgram({ code: 0 });

/** The flags of a command's options (`-o`, `--out`). */
function flagsOf(cmd: Command): string[] {
  return cmd.options.flatMap((o) => [o.short, o.long]).filter((f): f is string => f !== undefined);
}

/** Every command a user runs, by its full name (`plan waves`); groups like `plan` alone are not run. */
function commands(cmd: Command, prefix: string[] = []): Map<string, Command> {
  const out = new Map<string, Command>();
  for (const c of cmd.commands) {
    const name = [...prefix, c.name()];
    if (c.commands.length === 0 || c.options.length > 0 || c.registeredArguments.length > 0) out.set(name.join(' '), c);
    for (const [k, v] of commands(c, name)) out.set(k, v);
  }
  return out;
}

/** The page's `###` sections: the commands their heading names (in backticks) and their text. */
function sections(): { heading: string; names: string[]; text: string }[] {
  const parts = page.split(/^(?=#{2,3} )/m).filter((p) => p.startsWith('### '));
  return parts.map((text) => {
    const heading = text.slice(0, text.indexOf('\n'));
    // `plan waves`, `import netbox (--url …)`, `show KIND [ID]`: the command is the leading lowercase words.
    const names = [...heading.matchAll(/`([^`]+)`/g)]
      .map((m) => {
        const words = m[1]!.split(' ');
        const end = words.findIndex((w) => !/^[a-z][a-z-]*$/.test(w));
        return (end < 0 ? words : words.slice(0, end)).join(' ');
      })
      .filter((n) => n.length > 0);
    return { heading, names, text };
  });
}

/** The options a text names: `--fail-on`, `-o` (as a flag in backticks or a table row). */
function flagsIn(text: string): Set<string> {
  return new Set([...text.matchAll(/(?<![\w-])(--[a-z][a-z0-9-]*|-[a-zA-Z](?=[ ,`]))/g)].map((m) => m[1]!));
}

const declared = commands(program);
const documented = sections();
const globalFlags = flagsOf(program);
const globalPart = page.slice(0, page.indexOf('\n## Commands'));

test('every global option is in the global table, and the table lists only global options', () => {
  const rows = flagsIn(globalPart.split('\n').filter((l) => l.startsWith('| `-')).join('\n'));
  assert.deepEqual([...rows].sort(), [...globalFlags].sort());
});

test('every command is documented in a section of its own name', () => {
  const named = new Set(documented.flatMap((s) => s.names));
  const missing = [...declared.keys()].filter((c) => !named.has(c));
  assert.deepEqual(missing, [], `commands missing from docs/cli.md: ${missing.join(', ')}`);
});

test('every command the page names exists', () => {
  const unknown = documented.flatMap((s) => s.names).filter((n) => !declared.has(n));
  assert.deepEqual(unknown, [], `docs/cli.md names commands that do not exist: ${unknown.join(', ')}`);
});

test("every option of a command is documented in its command's section", () => {
  const missing: string[] = [];
  for (const [name, cmd] of declared) {
    const text = documented.filter((s) => s.names.includes(name)).map((s) => s.text).join('\n');
    const named = flagsIn(text);
    for (const f of flagsOf(cmd)) if (!named.has(f)) missing.push(`${name} ${f}`);
  }
  assert.deepEqual(missing, [], `options missing from docs/cli.md: ${missing.join(', ')}`);
});

test("every option a section names belongs to one of its commands or is global", () => {
  const unknown: string[] = [];
  for (const s of documented) {
    const own = new Set([...globalFlags, '--help', ...s.names.flatMap((n) => (declared.has(n) ? flagsOf(declared.get(n)!) : []))]);
    for (const f of flagsIn(s.text)) if (!own.has(f)) unknown.push(`${s.heading.slice(4)}: ${f}`);
  }
  assert.deepEqual(unknown, [], `docs/cli.md names options that its commands do not have: ${unknown.join('; ')}`);
});

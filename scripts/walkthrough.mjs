// Writes docs/walkthrough.md from real runs of the built CLI on the OWL-IT example, so the
// walkthrough always shows what Verbund prints. Run: npm run build && node scripts/walkthrough.mjs
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const dir = mkdtempSync(join(tmpdir(), 'verbund-walkthrough-'));
const db = join(dir, 'owl.db');
const run = (args, { head, tail } = {}) => {
  const r = spawnSync(process.execPath, ['bin/verbund.js', ...args], { encoding: 'utf8', env: { ...process.env, VERBUND_USER: 'anna' } });
  let text = (r.stdout + r.stderr).replaceAll(db, 'owl.db').trimEnd();
  const lines = text.split('\n');
  if (head && lines.length > head) text = [...lines.slice(0, head), `… (${lines.length - head} more lines)`].join('\n');
  if (tail && lines.length > tail) text = [`… (${lines.length - tail} lines before)`, ...lines.slice(-tail)].join('\n');
  return `\`\`\`\n$ npx verbund ${args.map((a) => (a === db ? 'owl.db' : a)).join(' ')}\n${text}\n\`\`\`\n${r.status ? `\nExit code ${r.status}.\n` : ''}`;
};

const parts = [
  '# Walkthrough: the OWL-IT example',
  '',
  'Every block below is real output of the command above it, made by `scripts/walkthrough.mjs`',
  'on the example in `examples/owl-it` (the topology is illustrative; see its README). Dates',
  'are fixed with `--at` so that the output does not depend on the day you read this.',
  '',
  '## Load the estate',
  run(['--db', db, 'import', 'examples/owl-it']).replace(/in \d+\.\d+ s/, 'in … s'),
  '## The estate at a date',
  'In June 2018 the finance application still ran in the old Paderborn data center:',
  run(['--db', db, 'show', 'application', '--at', '2018-06-01']),
  run(['--db', db, 'history', 'finanzwesen']).replace(/anna \d{4}-\d{2}-\d{2} \d{2}:\d{2}/g, 'anna (recorded)'),
  run(['--db', db, 'diff', '--from', '2019-01-01', '--to', '2020-01-01'], { head: 30 }),
  '## Does every workplace still have two independent paths?',
  '`check` gives the verdict per service and the single points of failure. With one data',
  'center, the site `lemgo-dc` breaks everything; the built-in weak spots show up beside it:',
  run(['--db', db, 'check', '--at', '2026-11-27'], { head: 12 }).replace(/\n\nExit code 1\.\n/, '\n'),
  'The single points of failure, from the end of the same report:',
  '```\n' + spofs() + '\n```\n',
  '## What if trench B is dug up, or the duct in Lemgo floods?',
  run(['--db', db, 'what-if', '--fail', 'trench-detmolder-str', '--at', '2026-11-27']),
  run(['--db', db, 'what-if', '--fail', 'duct-lemgo-nord', '--at', '2026-11-27'], { head: 30 }),
  '## Two independent paths, or why not',
  run(['--db', db, 'paths', 'pb-rathaus', 'finanzwesen', '--at', '2026-11-27']),
  'The plan `zweite-hauseinfuehrung` builds a second building entry in Lemgo:',
  run(['--db', db, 'paths', 'pb-rathaus', 'finanzwesen', '--at', '2027-05-01', '--plan', 'zweite-hauseinfuehrung']),
  '## Availability',
  run(['--db', db, 'availability', '--at', '2026-11-27', '--tenant', 'paderborn', '--monte-carlo', '20000']),
  '## The verdicts along the timeline',
  run(['--db', db, 'timeline', 'check', '--plan', 'zweite-hauseinfuehrung'], { head: 40 }),
  '## Planning the move in waves',
  'How the 2018/19 move of the Paderborn data center could have been planned: Saturdays from 8 December 2018, at most three applications and 96 vCPU per wave. The finance group must wait for the end of year-end closing:',
  run(['--db', db, 'plan', 'waves', '--name', 'move-2018', '--from', 'paderborn-dc', '--to', 'lemgo-dc', '--start', '2018-12-08', '--days', 'sat', '--max-apps', '3', '--max-vcpu', '96']),
  'Two applications per wave cannot work, and Verbund says why:',
  run(['--db', db, 'plan', 'waves', '--name', 'too-small', '--from', 'paderborn-dc', '--to', 'lemgo-dc', '--start', '2018-12-08', '--max-apps', '2']),
  '## Joint operation and progress',
  run(['--db', db, 'plan', 'joint', '--at', '2026-11-27']),
  run(['--db', db, 'progress', '--plan', 'joint-finance', '--from', '2019-01-01']),
  '## Business continuity',
  'Every application carries BSI 200-4 recovery targets; two failover tests are on the timeline. `check` lists them (one overdue), and with `--targets` judges the targets against the restore order of the worst data-center loss (opt-in: it solves a restore order per data center):',
  run(['--db', db, 'check', '--at', '2026-12-01', '--targets'], { tail: 18 }),
  'A ransomware attack encrypts the clusters and storage of the Lemgo data center on a Friday evening (`examples/scenarios/ransomware-lemgo-dc.yaml`): the restore order, two applications or 96 vCPU per 2-hour slot, shifts 06–22:',
  run(['--db', db, 'plan', 'restore', '--name', 'ransomware-lemgo', '--scenario', 'examples/scenarios/ransomware-lemgo-dc.yaml']),
  'The continuity and resilience report (German by default; `--format pdf -o bericht.pdf` prints it with Chromium):',
  run(['--db', db, 'report', '--at', '2026-12-01', '--format', 'md'], { head: 40 }),
];

function spofs() {
  const r = spawnSync(process.execPath, ['bin/verbund.js', '--db', db, 'check', '--at', '2026-11-27'], { encoding: 'utf8' });
  const lines = r.stdout.trimEnd().split('\n');
  return lines.slice(lines.findIndex((l) => l.startsWith('single points of failure'))).join('\n');
}

writeFileSync('docs/walkthrough.md', `${parts.join('\n')}\n`);
rmSync(dir, { recursive: true, force: true });
console.log('wrote docs/walkthrough.md');

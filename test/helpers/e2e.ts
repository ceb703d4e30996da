/**
 * End-to-end fixture: a real `verbund serve` (the built bin) on a temporary SQLite database
 * with the OWL-IT example and one user per role the UI tests need, and headless Chromium
 * (Debian's `chromium` driven by playwright-core). Never downloads a browser.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, ConsoleMessage, Page } from 'playwright-core';

// What page.evaluate callbacks use of the browser (the tests compile without the DOM library).
declare const window: Record<string, unknown>;
declare const document: unknown;

const root = join(import.meta.dirname, '..', '..');
const bin = join(root, 'bin', 'verbund.js');

/** Every test user's password. */
export const E2E_PASSWORD = 'e2e password 123';

/** Users of the fixture: name, role, tenant (the tenant exists in the OWL-IT example). */
const users: [string, string, string?][] = [
  // An operator: the plans test accepts the 2018/19 move, whose waves lie in the past (only
  // operators change the past, docs/api.md "Present and past").
  ['anna', 'operator'],
  ['admin', 'admin'],
  // A planner: may not accept waves in the past (the refusal is shown in the UI).
  ['paula', 'planner'],
  ['kaemmerei-lemgo', 'tenant', 'lemgo'],
];

/** Chromium's path, or null when it is not installed (CI installs it: .ci/run). */
export function chromiumPath(): string | null {
  for (const p of [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser']) if (p && existsSync(p)) return p;
  const r = spawnSync('sh', ['-c', 'command -v chromium || command -v chromium-browser'], { encoding: 'utf8' });
  return r.status === 0 && r.stdout.trim() ? r.stdout.trim() : null;
}

/** A running server. */
export interface E2eServer {
  readonly url: string;
  readonly db: string;
  stop(): Promise<void>;
}

function cli(db: string, args: string[], input?: string): void {
  const r = spawnSync(process.execPath, [bin, '--db', db, ...args], { encoding: 'utf8', input, cwd: root });
  if (r.status !== 0) throw new Error(`verbund ${args.join(' ')} failed: ${r.stderr}`);
}

/** Imports the example, adds the users and starts `verbund serve` on a free port. */
export async function startServer(opts: { estate?: string; tenants?: boolean; serveArgs?: readonly string[] } = {}): Promise<E2eServer> {
  if (!existsSync(join(root, 'dist', 'web', 'index.html'))) throw new Error('dist/web is missing: run `npm run build` first');
  const dir = mkdtempSync(join(tmpdir(), 'verbund-e2e-'));
  const db = join(dir, 'e2e.db');
  cli(db, ['import', opts.estate ?? join(root, 'examples', 'owl-it')]);
  for (const [name, role, tenant] of users.filter((u) => opts.tenants !== false || u[1] !== 'tenant')) cli(db, ['user', 'add', name, '--role', role, ...(tenant ? ['--tenant', tenant] : []), '--password-stdin'], `${E2E_PASSWORD}\n`);
  const child: ChildProcess = spawn(process.execPath, [bin, '--db', db, 'serve', '--port', '0', '--log-level', 'warn', ...(opts.serveArgs ?? [])], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not start: ${output}`)), 20_000);
    const onData = (b: Buffer) => {
      output += b.toString();
      const m = /serves (http:\/\/[\d.:]+)/.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (b: Buffer) => (output += b.toString()));
    child.on('exit', (code) => reject(new Error(`serve exited ${code}: ${output}`)));
  });
  // A server that dies under a test leaves only "connection refused" behind: say why it died.
  let stopping = false;
  child.on('exit', (code, signal) => {
    if (!stopping) process.stderr.write(`verbund serve exited unexpectedly (code ${code}, signal ${signal}):\n${output}\n`);
  });
  return {
    url,
    db,
    stop: async () => {
      stopping = true;
      if (child.exitCode === null) {
        const done = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        // Graceful shutdown waits for in-flight requests; a long analysis is not worth waiting for.
        const hard = setTimeout(() => child.kill('SIGKILL'), 5000);
        await done;
        clearTimeout(hard);
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Launches headless Chromium. */
export async function launchBrowser(executablePath: string): Promise<Browser> {
  const { chromium } = await import('playwright-core');
  return chromium.launch({ executablePath, headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
}

/** A page that records console errors and failed requests (ignoring expected API errors that the UI shows). */
export async function newPage(browser: Browser, locale = 'de-DE'): Promise<{ page: Page; errors: string[] }> {
  // bypassCSP: axe-core is injected as an inline script, which the server's CSP (rightly) forbids.
  const context = await browser.newContext({ locale, viewport: { width: 1400, height: 900 }, bypassCSP: true });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (m: ConsoleMessage) => {
    // A 4xx of the API that the UI shows to the user is logged by the browser as a failed resource; not a script error.
    if (m.type() === 'error' && !/Failed to load resource: the server responded with a status of 4\d\d/.test(m.text())) errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(String(e)));
  return { page, errors };
}

/** Signs in through the form. */
export async function signIn(page: Page, base: string, name: string): Promise<void> {
  await page.goto(`${base}/`);
  await page.locator('input[name=name]').fill(name);
  await page.locator('input[name=password]').fill(E2E_PASSWORD);
  await page.locator('button[type=submit]').click();
  await page.locator('header.top').waitFor();
}

/** Signs in through the API (the session cookie lands in the page's context), without rendering a page. */
export async function signInQuietly(page: Page, base: string, name: string): Promise<void> {
  const r = await page.request.post(`${base}/api/v1/session`, { data: { name, password: E2E_PASSWORD } });
  if (!r.ok()) throw new Error(`sign-in failed: ${r.status()} ${await r.text()}`);
}

const axeSource = readFileSync(join(root, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');

/** Runs axe-core (WCAG 2.1 A/AA rules) on the page; returns the serious and critical violations. */
export async function axe(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: axeSource });
  const result = await page.evaluate(async () => {
    const w = window as unknown as { axe: { run: (ctx: unknown, opts: object) => Promise<{ violations: { id: string; impact: string; help: string; nodes: { target: string[] }[] }[] }> } };
    return w.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
  });
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
}

/** Why an end-to-end suite is skipped: Chromium missing outside CI (CI installs it; there its absence fails). */
export const e2eSkip: string | false = chromiumPath() === null && !process.env.CI && 'chromium is not installed (apt-get install chromium); CI installs it, and there its absence fails';

/** What an end-to-end suite works with; filled in by the suite's `before`. */
export interface E2eFixture {
  server: E2eServer;
  browser: Browser;
  page: Page;
  errors: string[];
}

/**
 * Registers the suite's `before` and `after`: the server with the OWL-IT example (or
 * `opts.server`'s estate), Chromium and a German page (10 s per step), signed in as
 * `opts.signInAs` if given; returns the fixture, filled in once `before` has run.
 */
export function e2eFixture(hooks: { before: (f: () => Promise<void>) => void; after: (f: () => Promise<void>) => void }, opts: { signInAs?: string; server?: Parameters<typeof startServer>[0] } = {}): E2eFixture {
  const f = {} as E2eFixture;
  hooks.before(async () => {
    f.server = await startServer(opts.server);
    f.browser = await launchBrowser(chromiumPath()!);
    ({ page: f.page, errors: f.errors } = await newPage(f.browser, 'de-DE'));
    f.page.setDefaultTimeout(10_000);
    if (opts.signInAs) await signIn(f.page, f.server.url, opts.signInAs);
  });
  hooks.after(async () => {
    await f.browser?.close();
    await f.server?.stop();
  });
  return f;
}

/** Fills the plans page's wave form with the 2018/19 Paderborn → Lemgo move (3 applications, 96 vCPU a wave) and submits it. */
export async function planPaderbornMove(page: Page, name: string): Promise<void> {
  await page.getByLabel('Name des Plans').fill(name);
  await page.getByLabel('Frühester Umzugstag').fill('2018-12-08');
  await page.getByRole('combobox', { name: /^Von Standort/ }).selectOption('paderborn-dc');
  await page.getByRole('combobox', { name: /^Nach Standort/ }).selectOption('lemgo-dc');
  await page.getByLabel('Höchstens Anwendungen je Welle').fill('3');
  await page.getByLabel('Höchstens vCPU je Welle').fill('96');
  await page.getByRole('button', { name: 'Plan berechnen' }).click();
}

/**
 * Shared by the app's end-to-end tests: Debian's chromium driven by playwright-core (no browser
 * download), headless, a fresh profile per launch; app/dist served by a small static server, or by the
 * provider service when a test starts one. Screenshots go to test/app/screenshots/ (git-ignored).
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const DIST = join(ROOT, 'app/dist');
export const SHOTS = join(ROOT, 'test/app/screenshots');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic', '--disable-dev-shm-usage'];

export interface Launched {
  browser: Browser;
  context: BrowserContext;
  close: () => Promise<void>;
}

/**
 * A fresh user-data-dir each time: no state from another run (IndexedDB included). bypassCSP lets the
 * tests inject axe-core into pages the service serves under its content security policy.
 */
export async function launch(viewport = { width: 1280, height: 900 }): Promise<Launched> {
  const profile = mkdtempSync(join(tmpdir(), 'meterproof-chromium-'));
  const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, viewport, acceptDownloads: true, bypassCSP: true });
  return {
    browser: context.browser()!,
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.xml': 'application/xml', '.svg': 'image/svg+xml', '.wasm': 'application/wasm' };

/** app/dist over HTTP on a free loopback port: what any static web server does. */
export async function serveStatic(dir = DIST): Promise<{ url: string; close: () => Promise<void> }> {
  const server: Server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '');
    let file = join(dir, path);
    try {
      if (statSync(file).isDirectory()) file = join(file, 'index.html');
      const body = readFileSync(file);
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
      res.end(body);
    } catch {
      res.writeHead(404);
      res.end();
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  return { url: `http://127.0.0.1:${port}/`, close: () => new Promise((r) => server.close(() => r())) };
}

export async function shot(page: Page, name: string, fullPage = true): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage });
}

/** Opens the app and waits for its first page. */
export async function openApp(page: Page, url: string, route = '#/data'): Promise<void> {
  await page.goto(`${url}${route}`);
  await page.waitForSelector('body[data-ready="true"]');
}

/** Loads the demo data through the page's button and waits until it is stored. */
export async function loadDemo(page: Page): Promise<void> {
  await page.getByTestId('load-demo').click();
  await page.getByTestId('data-summary').waitFor({ timeout: 120_000 });
  await page.getByText('Loaded. Everything is stored').waitFor({ timeout: 120_000 });
}

/** Clicks a button that downloads `count` files; their names and contents. */
export async function downloads(page: Page, click: () => Promise<void>, count: number): Promise<{ name: string; text: string }[]> {
  const got: Promise<{ name: string; text: string }>[] = [];
  const all = new Promise<void>((resolve) => {
    const on = (d: import('playwright-core').Download) => {
      got.push(
        d.path().then((p) => ({ name: d.suggestedFilename(), text: readFileSync(p, 'utf8') })),
      );
      if (got.length === count) {
        page.off('download', on);
        resolve();
      }
    };
    page.on('download', on);
  });
  await click();
  await all;
  return Promise.all(got);
}

const AXE = join(ROOT, 'node_modules/axe-core/axe.min.js');

/** axe-core on the page as it is now: the violations of impact serious or critical (WCAG 2 A/AA rules). */
export async function axeSerious(page: Page): Promise<{ id: string; impact: string; help: string; nodes: string[] }[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: AXE });
  const r = (await page.evaluate(() => (window as unknown as { axe: { run: (ctx: unknown, o: unknown) => Promise<unknown> } }).axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } }))) as {
    violations: { id: string; impact: string; help: string; nodes: { target: string[] }[] }[];
  };
  return r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.target.join(' ')) }));
}

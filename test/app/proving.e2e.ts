/**
 * Proving in the browser: the #/bench page proves a half-hourly TOU month and an hourly month with a
 * demand charge in the Web Worker (synthetic data), and both verify; the demo's demand-charge tariff is
 * billed through "My bill" with its progress bar moving. The times are printed and saved to
 * test/app/screenshots/proving.json for the closing note; they are not asserted (no timed tests).
 */
import { writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launch, loadDemo, openApp, serveStatic, shot, SHOTS, type Launched } from './harness.js';

let server: Awaited<ReturnType<typeof serveStatic>>;
let b: Launched;
let page: Page;

beforeAll(async () => {
  server = await serveStatic();
  b = await launch();
  page = await b.context.newPage();
});

afterAll(async () => {
  await b?.close();
  await server?.close();
});

it('proves a half-hourly TOU month and a demand-charge month in the browser, and both verify', async () => {
  await openApp(page, server.url, '#/bench');
  await page.getByTestId('run-bench').click();
  await page.getByTestId('bench-demand').waitFor({ timeout: 280_000 });
  const results = JSON.parse((await page.locator('main').getAttribute('data-bench'))!) as { kind: string; threads: number; generatorsCached: number; records: number; proveMs: number; verifyMs: number; ok: boolean; backend: string }[];
  expect(results.map((r) => [r.kind, r.ok, r.backend])).toEqual([['tou-halfhour', true, 'wasm'], ['demand', true, 'wasm'], ['demand', true, 'wasm'], ['demand', true, 'wasm']]);
  expect(results[0]!.records).toBe(1488);
  mkdirSync(SHOTS, { recursive: true });
  writeFileSync(join(SHOTS, 'proving.json'), `${JSON.stringify(results, null, 2)}\n`);
  console.log(results.map((r) => `${r.kind} (${r.threads} worker${r.threads > 1 ? 's' : ''}, ${r.generatorsCached} generators cached): ${r.records} records, prove ${r.proveMs.toFixed(0)} ms, verify ${r.verifyMs.toFixed(0)} ms`).join('\n'));
  await shot(page, 'bench');
});

it('bills the demo month on the demand-charge tariff through My bill, with a progress bar that moves', async () => {
  await openApp(page, server.url, '#/data');
  await loadDemo(page);
  await page.goto(`${server.url}#/bill`);
  await page.locator('#bill-tariff').selectOption({ index: 1 });
  await expect(page.locator('#bill-tariff option:checked').textContent()).resolves.toMatch(/demand charge/);
  // Record the progress bar's values as the worker reports them.
  await page.evaluate(() => {
    const seen: number[] = [];
    (window as unknown as { seen: number[] }).seen = seen;
    new MutationObserver(() => {
      const p = document.querySelector('[data-testid=progress] progress') as HTMLProgressElement | null;
      if (p) seen.push(p.value / p.max);
    }).observe(document.querySelector('main')!, { subtree: true, attributes: true, attributeFilter: ['value'] });
  });
  await page.getByTestId('compute-bill').click();
  await page.getByTestId('bill-items').waitFor({ timeout: 280_000 });
  const seen = await page.evaluate(() => (window as unknown as { seen: number[] }).seen);
  expect(new Set(seen.map((x) => x.toFixed(2))).size).toBeGreaterThan(3);
  await expect(page.getByTestId('bill-items').textContent()).resolves.toMatch(/demand charge/);
  await expect(page.getByTestId('bill-result').textContent()).resolves.toMatch(/equals the plain calculation/);
  const took = /Proven in ([\d.]+) s/.exec((await page.getByTestId('bill-result').textContent())!)?.[1];
  console.log(`demo demand-charge month via My bill: ${took} s`);
  writeFileSync(join(SHOTS, 'proving-demand-ui.txt'), `${took}\n`);
  await shot(page, 'bill-demand');
});

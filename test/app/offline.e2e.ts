/**
 * The app with no service: load the demo data, see the charts, compute a bill with its proof in the
 * worker, check it (and a tampered copy) in "Check a bill". app/dist from a plain static server.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { toHex } from '../../src/core/bytes.js';
import { generateKey, parseSecretJwk } from '../../src/core/keys.js';
import { seededRng } from '../../src/core/rng.js';
import { formatReadingsCsv } from '../../src/formats/csv.js';
import { buildLog } from '../../src/meter/log.js';
import { axeSerious, downloads, launch, loadDemo, openApp, serveStatic, shot, type Launched } from './harness.js';

let server: Awaited<ReturnType<typeof serveStatic>>;
let b: Launched;
let page: Page;
const errors: string[] = [];

beforeAll(async () => {
  server = await serveStatic();
  b = await launch();
  page = await b.context.newPage();
  page.on('pageerror', (e) => errors.push(e.message));
  await openApp(page, server.url);
});

afterAll(async () => {
  await b?.close();
  await server?.close();
});

it('loads the demo data into IndexedDB and says nothing is uploaded', async () => {
  await expect(page.getByTestId('privacy-note').textContent()).resolves.toMatch(/Nothing is uploaded/);
  await loadDemo(page);
  await expect(page.getByTestId('data-summary').textContent()).resolves.toMatch(/8,760/);
  await shot(page, 'data');
  expect(await axeSerious(page)).toEqual([]);
  // Stored: a reload finds the data without loading it again.
  await page.reload();
  await page.waitForSelector('body[data-ready="true"]');
  await expect(page.getByTestId('data-summary').textContent()).resolves.toMatch(/demo-home-1/);
});

it('draws the usage charts', async () => {
  await page.goto(`${server.url}#/usage`);
  for (const id of ['chart-daily', 'chart-hourly', 'chart-month']) await page.getByTestId(id).locator('canvas').waitFor();
  await expect(page.getByTestId('chart-month').textContent()).resolves.toMatch(/Summer Peak/);
  await page.waitForTimeout(300);
  await shot(page, 'usage');
  expect(await axeSerious(page)).toEqual([]);
});

it('computes the bill and its proof in the worker, equal to the plain calculation', async () => {
  await page.goto(`${server.url}#/bill`);
  await page.getByTestId('compute-bill').click();
  await page.getByTestId('bill-items').waitFor({ timeout: 120_000 });
  const text = await page.getByTestId('bill-result').textContent();
  expect(text).toMatch(/equals the plain calculation/);
  expect(text).toMatch(/What stays on this device/);
  await shot(page, 'bill');
  expect(await axeSerious(page)).toEqual([]);
});

it('checks the bill in "Check a bill", and rejects a tampered copy with its reason', async () => {
  await page.goto(`${server.url}#/check`);
  await page.getByRole('button', { name: 'Use my last bill from this device' }).click();
  await expect(page.getByTestId('verdict').textContent()).resolves.toMatch(/Verified/);
  // The files as a user would have them: downloaded from "My bill", the bill's fee then lowered by 10^-9.
  await page.goto(`${server.url}#/bill`);
  await page.getByTestId('compute-bill').click();
  await page.getByTestId('bill-items').waitFor({ timeout: 120_000 });
  const [bill] = await downloads(page, () => page.getByRole('button', { name: 'Download the bill' }).click(), 1);
  const keys = await downloads(page, () => page.getByRole('button', { name: /Download the tariff and keys/ }).click(), 3);
  // The fee and the energy line item both lowered by 10^-9 (so they still add up): only the proof can tell.
  const b = JSON.parse(bill!.text) as { fee: string; lineItems: { component: string; fee: string }[] };
  const lower = (x: string) => {
    const [i, f] = x.split('.');
    const v = (BigInt(i! + f!) - 1n).toString().padStart(f!.length + 1, '0');
    return `${v.slice(0, -f!.length)}.${v.slice(-f!.length)}`;
  };
  const tampered = { ...b, fee: lower(b.fee), lineItems: b.lineItems.map((l) => (l.component === 'energy' ? { ...l, fee: lower(l.fee) } : l)) };
  await page.goto(`${server.url}#/check`);
  await page.getByTestId('check-files').setInputFiles([
    { name: 'bill-tampered.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(tampered)) },
    ...keys.map((k) => ({ name: k.name, mimeType: 'application/json', buffer: Buffer.from(k.text) })),
  ]);
  await page.getByTestId('verdict').waitFor();
  await expect(page.getByTestId('verdict').textContent()).resolves.toMatch(/Rejected/);
  await expect(page.getByTestId('reason').textContent()).resolves.toBe('proof.linear');
  await shot(page, 'check-rejected');
  expect(await axeSerious(page)).toEqual([]);
  // The untampered bill with the same files verifies.
  await page.reload();
  await page.waitForSelector('body[data-ready="true"]');
  await page.getByTestId('check-files').setInputFiles([bill!, ...keys].map((k) => ({ name: k.name, mimeType: 'application/json', buffer: Buffer.from(k.text) })));
  await expect(page.getByTestId('verdict').textContent()).resolves.toMatch(/Verified/);
  expect(errors).toEqual([]);
});

it('reads on a phone: every page at 390 px wide, no serious accessibility violation', async () => {
  const phone = await b.context.newPage();
  await phone.setViewportSize({ width: 390, height: 844 });
  for (const route of ['data', 'usage', 'bill', 'check', 'provider']) {
    await openApp(phone, server.url, `#/${route}`);
    if (route === 'usage') await phone.getByTestId('chart-month').locator('canvas').waitFor();
    if (route === 'bill') {
      await phone.getByTestId('compute-bill').click();
      await phone.getByTestId('bill-items').waitFor({ timeout: 120_000 });
    }
    await phone.waitForTimeout(300);
    // Nothing wider than the screen: no sideways scrolling.
    expect(await phone.evaluate(() => document.documentElement.scrollWidth), route).toBeLessThanOrEqual(390);
    expect(await axeSerious(phone), route).toEqual([]);
    await shot(phone, `phone-${route}`);
  }
  await phone.close();
});

it("loads the user's own files: a private file with its log, and a CSV download with the log and the seed", async () => {
  // Two days of half-hours from a meter made here (as `meterproof meter import` would make them).
  const rng = seededRng('app-e2e/files');
  const seed = rng(32);
  const start = Date.UTC(2024, 2, 1) / 1000;
  const intervals = Array.from({ length: 96 }, (_, i) => ({ start: start + 1800 * i, duration: 1800, values: [100 + ((i * 53) % 400)] }));
  const { log, priv } = buildLog({ meter: 'my-meter', key: parseSecretJwk(generateKey('meter', rng).secret), seed, intervals });
  const file = (name: string, x: unknown) => ({ name, mimeType: 'application/json', buffer: Buffer.from(typeof x === 'string' ? x : JSON.stringify(x)) });
  await openApp(page, server.url, '#/data');
  await page.locator('#f-private').setInputFiles(file('private.json', priv));
  await page.locator('#f-log').setInputFiles(file('log.json', log));
  await page.getByRole('button', { name: 'Load these files' }).click();
  await page.getByText('Loaded. Everything is stored').waitFor();
  await expect(page.getByTestId('data-summary').textContent()).resolves.toMatch(/my-meter.*96 \(2024-03-01 to 2024-03-03\)/s);
  // The utility's CSV, the log and the seed; then the same with a wrong seed, which cannot open the log.
  const csv = formatReadingsCsv(intervals.map((iv) => ({ start: iv.start, duration: iv.duration, wh: iv.values[0]! })));
  for (const [s, ok] of [[toHex(seed), true], ['11'.repeat(32), false]] as const) {
    await openApp(page, server.url, '#/data');
    await page.locator('#f-readings').setInputFiles({ name: 'download.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.locator('#f-log2').setInputFiles(file('log.json', log));
    await page.locator('#f-seed').fill(s);
    await page.getByRole('button', { name: 'Load the download' }).click();
    await page.getByText(ok ? 'Loaded. Everything is stored' : /Could not load/).waitFor();
  }
  await expect(page.getByRole('alert').textContent()).resolves.toMatch(/opening|commitment|open/i);
  // The same readings as a PG&E download: local times without an offset, read in the zone the page is given.
  const local = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Los_Angeles', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  const at = (t: number) => Object.fromEntries(local.formatToParts(new Date(t * 1000)).map((x) => [x.type, x.value]));
  const pge = ['Name,JANE DOE', 'Account Number,1234567890', '', 'TYPE,DATE,START TIME,END TIME,USAGE,UNITS,COST,NOTES', ...intervals.map((iv) => {
    const a = at(iv.start);
    const b = at(iv.start + iv.duration - 60);
    return `Electric usage,${a.year}-${a.month}-${a.day},${a.hour}:${a.minute},${b.hour}:${b.minute},${(iv.values[0]! / 1000).toFixed(3)},kWh,$0.00,`;
  })].join('\n');
  for (const [zone, ok] of [['America/Los_Angeles', true], ['Europe/London', false]] as const) {
    await openApp(page, server.url, '#/data');
    await page.locator('#f-readings').setInputFiles({ name: 'pge.csv', mimeType: 'text/csv', buffer: Buffer.from(pge) });
    await page.locator('#f-tz').fill(zone);
    await page.locator('#f-log2').setInputFiles(file('log.json', log));
    await page.locator('#f-seed').fill(toHex(seed));
    await page.getByRole('button', { name: 'Load the download' }).click();
    await page.getByText(ok ? 'Loaded. Everything is stored' : /Could not load/).waitFor();
  }
  // A London smart-meter file with two households, stamped at the end of each half hour, in UTC: the
  // page needs to be told which household is this meter's.
  const utc = (t: number) => new Date(t * 1000).toISOString().replace('T', ' ').slice(0, 19) + '.0000000';
  const rows = (id: string, k: number) => intervals.map((iv) => `${id},Std,${utc(iv.start + iv.duration)}, ${((iv.values[0]! * k) / 1000).toFixed(3)}`);
  const london = ['LCLid,stdorToU,DateTime,KWH/hh (per half hour) ', ...rows('MAC000001', 2), ...rows('MAC000002', 1)].join('\n');
  for (const [household, ok] of [['', false], ['MAC000002', true]] as const) {
    await openApp(page, server.url, '#/data');
    await page.locator('#f-readings').setInputFiles({ name: 'london.csv', mimeType: 'text/csv', buffer: Buffer.from(london) });
    await page.locator('#f-tz').fill('UTC');
    await page.locator('#f-household').fill(household);
    await page.locator('#f-log2').setInputFiles(file('log.json', log));
    await page.locator('#f-seed').fill(toHex(seed));
    await page.getByRole('button', { name: 'Load the download' }).click();
    await page.getByText(ok ? 'Loaded. Everything is stored' : /Could not load.*household/s).waitFor();
  }
});

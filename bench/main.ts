/**
 * `npm run bench`: medians of the operations the issues set targets for, printed as a table and
 * written to bench-results/bench.json. Speed lives here, never in test assertions.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { proveBill, proveBillAsync } from '../src/bill/prove.js';
import { proveRangeJobs } from '../src/node/range-pool.js';
import { warmGenerators } from '../src/node/generator-cache.js';
import { RANGE_CHUNK_BITS } from '../src/statement/proof.js';
import { verifyBill, verifyBills } from '../src/bill/verify.js';
import { proveDisclosure } from '../src/disclosure/prove.js';
import { verifyDisclosure } from '../src/disclosure/verify.js';
import { generateKey, parsePublicJwk, parseSecretJwk } from '../src/core/keys.js';
import { seededRng } from '../src/core/rng.js';
import { buildLog, type MeterInterval } from '../src/meter/log.js';
import { useNodeEd25519 } from '../src/node/ed25519.js';
import { parsePeriod } from '../src/tariff/period.js';
import { signTariff } from '../src/tariff/signed.js';
import { benchRangeproof } from './rangeproof.js';
import { time } from './timing.js';
import { backendName, useNobleBackend, useWasmBackend } from '../src/core/point.js';
import { wasmInternals } from '../src/core/backend/wasm.js';
import { G, generatorVector } from '../src/core/generators.js';
import { msm } from '../src/core/msm.js';
import { scalarFromWide } from '../src/core/scalar.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

useNodeEd25519();

/**
 * Every case runs on each group backend in this process (WebAssembly first, then noble), and the table
 * and bench-results/bench.json show both and their ratio. `--wasm-only` / `--noble-only` run one of
 * them; `--quick` runs the heavy non-linear cases on the WebAssembly backend only.
 *
 * WebAssembly goes first because the second backend's cases run on JavaScript that V8 has already
 * optimised for the first backend's point class: its call sites have seen two classes and are slower
 * (measured: a TOU month's proof took 11 ms on WebAssembly after the noble run, 6.4 ms alone). noble's
 * figures are dominated by its bigint arithmetic and change little: alone (`--noble-only`) the same
 * month's proof took 10.9 ms instead of 11.9 ms, its verification 99.7 instead of 101.5 ms.
 */
const BACKENDS: Array<'noble' | 'wasm'> = process.argv.includes('--wasm-only') ? ['wasm'] : process.argv.includes('--noble-only') ? ['noble'] : ['wasm', 'noble'];
const QUICK = process.argv.includes('--quick');

interface Result {
  name: string;
  unit: string;
  runs: number;
  target?: string;
  /** Median per backend. */
  noble?: number;
  wasm?: number;
  /** noble / wasm for times, wasm / noble for rates: how many times faster the WebAssembly backend is. */
  ratio?: number;
}
const results: Result[] = [];
const byName = new Map<string, Result>();
const TIME_UNITS = new Set(['ms', 'µs', 'ns']);

function record(name: string, median: number, unit: string, runs: number, target?: string): void {
  const b = backendName();
  let r = byName.get(name);
  if (!r) {
    r = { name, unit, runs, ...(target ? { target } : {}) };
    byName.set(name, r);
    results.push(r);
  }
  r[b] = Math.round(median * 100) / 100;
  if (r.noble !== undefined && r.wasm !== undefined && r.noble > 0 && r.wasm > 0 && unit !== 'bytes') {
    r.ratio = Math.round((TIME_UNITS.has(unit) ? r.noble / r.wasm : r.wasm / r.noble) * 100) / 100;
  }
  process.stdout.write(`[${b.padEnd(5)}] ${name.padEnd(64)} ${median.toFixed(TIME_UNITS.has(unit) ? 1 : 0).padStart(10)} ${unit.padEnd(10)} ${target ?? ''}\n`);
}

const key = (role: 'meter' | 'provider') => {
  const k = generateKey(role, seededRng(`bench/${role}`));
  return { secret: parseSecretJwk(k.secret), public: parsePublicJwk(k.public) };
};
const meter = key('meter');
const provider = key('provider');
const TZ = 'Europe/London';
const hours = (m: number, h: number) => (h >= 16 && h < 19 ? 2 : h >= 7 ? 1 : 0) + (m >= 5 && m <= 8 ? 0 : 0);
const tariff = signTariff(
  {
    v: 1,
    type: 'meterproof/tariff',
    id: 'bench-tou',
    name: 'bench three-period TOU',
    currency: 'GBP',
    timezone: TZ,
    scale: 12,
    unit: 'Wh',
    rounding: { decimals: 2, mode: 'half-even' },
    components: [
      { kind: 'fixed', name: 'standing charge', amount: '530000000000', per: 'day' },
      {
        kind: 'tou-energy',
        name: 'energy',
        periods: [{ label: 'night', rate: '152340000' }, { label: 'day', rate: '223440000' }, { label: 'peak', rate: '351170000' }],
        weekday: Array.from({ length: 12 }, (_, m) => Array.from({ length: 24 }, (_, h) => hours(m, h))),
        weekend: Array.from({ length: 12 }, () => Array.from({ length: 24 }, (_, h) => (h >= 7 ? 1 : 0))),
      },
    ],
  },
  provider.secret,
);

function intervals(period: string, step: number): MeterInterval[] {
  const p = parsePeriod(period, TZ);
  const rng = seededRng(`bench/${period}/${step}`);
  return Array.from({ length: (p.end - p.start) / step }, (_, i) => ({ start: p.start + i * step, duration: step, values: [rng(2).reduce((a, b) => a * 256 + b, 0) % 2000] }));
}

const log = (iv: MeterInterval[]) => buildLog({ meter: 'bench-meter', key: meter.secret, seed: seededRng('bench/seed')(32), intervals: iv });

console.log(`meterproof benchmarks: node ${process.version}, ${cpus().length} cores, ${cpus()[0]?.model ?? ''}`);
console.log(`${'case'.padEnd(58)} ${'median'.padStart(10)} unit       target`);

const rangeproof: Record<string, Record<string, number>> = {};

async function runCases(): Promise<void> {
  // Meter log: a year of half-hourly readings.
  {
    const iv = intervals('2011-01-01/2011-12-31', 1800);
    const { ms } = time(3, () => log(iv));
    record(`meter log, year of half-hourly readings (${iv.length} records)`, iv.length / (ms / 1000), 'records/s', 3, '>= 10000');
  }

  // A month of half-hourly readings (30 days: 1,440 records).
  {
    const period = '2011-06';
    const { log: l, priv } = log(intervals(period, 1800));
    const prove = time(15, () => proveBill({ signedTariff: tariff, log: l, priv, account: 'bench', period }).bill);
    record(`prove a month, half-hourly (${prove.last.records.count} records)`, prove.ms, 'ms', 15, '<= 12 ms');
    const text = JSON.stringify(prove.last);
    const verify = time(15, () => verifyBill({ bill: text, signedTariff: tariff, providerKey: provider.public, meterKey: meter.public }));
    if (!verify.last.ok) throw new Error(`bench bill rejected: ${verify.last.reason}`);
    record('verify a month, half-hourly', verify.ms, 'ms', 15, '<= 25 ms');
    record('bill size, month half-hourly (JSON)', Buffer.byteLength(text), 'bytes', 1);
  }

  // A year of hourly readings (8,760 records).
  {
    const period = '2011-01-01/2011-12-31';
    const { log: l, priv } = log(intervals(period, 3600));
    const prove = time(3, () => proveBill({ signedTariff: tariff, log: l, priv, account: 'bench', period }).bill);
    record(`prove a year, hourly (${prove.last.records.count} records)`, prove.ms, 'ms', 3);
    const text = JSON.stringify(prove.last);
    const verify = time(5, () => verifyBill({ bill: text, signedTariff: tariff, providerKey: provider.public, meterKey: meter.public }));
    if (!verify.last.ok) throw new Error(`bench bill rejected: ${verify.last.reason}`);
    record('verify a year, hourly', verify.ms, 'ms', 5, '<= 150 ms');
    record('bill size, year hourly (JSON)', Buffer.byteLength(text), 'bytes', 1);
  }

  // Disclosure: the daily totals of a month of half-hourly readings (1,440 records, 30 facts).
  {
    const user = (() => {
      const k = generateKey('user', seededRng('bench/user'));
      return { secret: parseSecretJwk(k.secret), public: parsePublicJwk(k.public) };
    })();
    const { log: l, priv } = log(intervals('2011-06', 1800));
    const query = { v: 1, type: 'meterproof/query', meter: 'bench-meter', registers: ['import'], items: [{ kind: 'daily', from: '2011-06-01', to: '2011-06-30', timezone: TZ }] };
    const now = Date.UTC(2011, 6, 1) / 1000;
    const terms = { recipient: 'bench-dso', purpose: 'network planning', expires: '2011-08-01T00:00:00Z' };
    const prove = time(15, () => proveDisclosure({ query, terms, log: l, priv, userKey: user.secret, now }).disclosure);
    record(`disclose daily totals of a month, half-hourly (${prove.last.records.items.length} records): prove`, prove.ms, 'ms', 15);
    const text = JSON.stringify(prove.last);
    const verify = time(15, () => verifyDisclosure({ disclosure: text, meterKey: meter.public, userKey: user.public, recipient: 'bench-dso', now }));
    if (!verify.last.ok) throw new Error(`bench disclosure rejected: ${verify.last.reason}`);
    record('disclose daily totals of a month, half-hourly: verify', verify.ms, 'ms', 15, '<= 1000 ms');
    record('disclosure size, daily totals of a month (JSON)', Buffer.byteLength(text), 'bytes', 1);
  }

  // --- Non-linear tariffs (range proofs, OR and product proofs) ---

  const sched = (f: (h: number) => number) => Array.from({ length: 12 }, () => Array.from({ length: 24 }, (_, h) => f(h)));
  /** Capacity 60 kW (a home's connection): the widths of the hidden amounts' range proofs come from it. */
  function nonlinearTariff(id: string, components: unknown[]) {
    return signTariff({ v: 1, type: 'meterproof/tariff', id, name: id, currency: 'GBP', timezone: TZ, scale: 12, unit: 'Wh', capacity: '60000', components }, provider.secret);
  }
  /** Binary size of a bill's proof part: the auxiliary commitments and all proofs, as bytes. */
  function proofBytes(b: { proof: Record<string, unknown> }): number {
    let n = 0;
    for (const v of Object.values(b.proof)) if (Array.isArray(v)) for (const h of v) n += (h as string).length / 2;
    return n;
  }
  async function nonlinearCase(label: string, tariff: ReturnType<typeof signTariff>, period: string, step: number, runs: number, targets: [string, string, string, string]) {
    const { log: l, priv } = log(intervals(period, step));
    // Heavy cases run once, without a warm-up run (the generators are derived in the first one).
    const prove = time(runs, () => proveBill({ signedTariff: tariff, log: l, priv, account: 'bench', period }).bill, runs > 1);
    record(`${label}: prove`, prove.ms, 'ms', runs, targets[0]);
    // The same with the range proofs on worker threads, as `meterproof bill prove` does.
    const t0 = performance.now();
    await proveBillAsync({ signedTariff: tariff, log: l, priv, account: 'bench', period }, (jobs) => proveRangeJobs(jobs));
    record(`${label}: prove, range proofs on worker threads`, performance.now() - t0, 'ms', 1, targets[3]);
    const text = JSON.stringify(prove.last);
    const verify = time(runs, () => verifyBill({ bill: text, signedTariff: tariff, providerKey: provider.public, meterKey: meter.public }), runs > 1);
    if (!verify.last.ok) throw new Error(`bench bill rejected: ${verify.last.reason}`);
    record(`${label}: verify`, verify.ms, 'ms', runs, targets[1]);
    record(`${label}: proof size (binary)`, proofBytes(prove.last), 'bytes', 1, targets[2]);
    return { text, tariff };
  }

  if (!process.argv.includes('--linear-only') && !(QUICK && backendName() === 'noble')) {
    // The range-proof generator table (2 × 49,152 points): derived once per machine on every core, then
    // loaded from the disk cache. Measured on its own so the cases below time proving and verifying.
    {
      const t0 = performance.now();
      const source = await warmGenerators(RANGE_CHUNK_BITS);
      record(`generator table, 2 x ${RANGE_CHUNK_BITS} points (${source === 'derived' ? 'derived on all cores, cold' : source === 'disk' ? 'loaded from the disk cache' : 'in memory'})`, performance.now() - t0, 'ms', 1);
    }
    const tiers = (a: string, b: string, c: string) => [{ upTo: '100000', rate: a }, { upTo: '300000', rate: b }, { rate: c }];
    const tiersCase = await nonlinearCase(
      'month half-hourly, 3-period TOU x 3 cumulative tiers',
      nonlinearTariff('bench-tiers', [
        {
          kind: 'tiered-energy',
          name: 'energy',
          basis: 'per-period',
          periods: [
            { label: 'night', tiers: tiers('100000000', '120000000', '150000000') },
            { label: 'day', tiers: tiers('200000000', '220000000', '250000000') },
            { label: 'peak', tiers: tiers('300000000', '330000000', '380000000') },
          ],
          weekday: sched((h) => (h >= 16 && h < 19 ? 2 : h >= 7 ? 1 : 0)),
          weekend: sched((h) => (h >= 7 ? 1 : 0)),
        },
      ]),
      '2011-06',
      1800,
      3,
      ['<= 2000 ms', '<= 1000 ms', '<= 4096 bytes', '<= 2000 ms'],
    );
    // Batch verification: 16 bills (16 accounts, same month and tariff) at once, against 16 single checks.
    {
      const { log: l, priv } = log(intervals('2011-06', 1800));
      const inputs = Array.from({ length: 16 }, (_, k) => ({
        bill: JSON.stringify(proveBill({ signedTariff: tiersCase.tariff, log: l, priv, account: `bench-${k}`, period: '2011-06' }).bill),
        signedTariff: tiersCase.tariff,
        providerKey: provider.public,
        meterKey: meter.public,
      }));
      const single = time(3, () => inputs.map((i) => verifyBill(i)));
      const batch = time(3, () => verifyBills(inputs));
      if (!batch.last.every((r) => r.ok)) throw new Error('bench batch rejected');
      record('16 tiered bills: verify one by one', single.ms, 'ms', 3);
      record('16 tiered bills: verify as one batch', batch.ms, 'ms', 3, '< one by one');
    }
    await nonlinearCase(
      'monthly max demand, 2,880 quarter-hours',
      nonlinearTariff('bench-demand', [{ kind: 'demand', name: 'demand', periods: [{ label: 'all', tiers: [{ rate: '9000000000' }] }], weekday: sched(() => 0), weekend: sched(() => 0) }]),
      '2011-06',
      900,
      1,
      ['<= 8000 ms', '<= 800 ms', '<= 2048 bytes', '<= 5000 ms'],
    );
    await nonlinearCase(
      'per-reading 3-block prices, 1,440 readings',
      nonlinearTariff('bench-blocks', [{ kind: 'block-energy', name: 'blocks', periods: [{ label: 'all', tiers: [{ upTo: '300', rate: '300000000' }, { upTo: '800', rate: '200000000' }, { rate: '100000000' }] }], weekday: sched(() => 0), weekend: sched(() => 0) }]),
      '2011-06',
      1800,
      1,
      ['<= 15000 ms', '<= 800 ms', '', ''],
    );
  }

  // Range proofs on their own, and the multi-scalar multiplication behind them.
  if (!process.argv.includes('--linear-only')) rangeproof[backendName()] = await benchRangeproof({ quick: true });

  // The backend's own figures: field multiplication, decoding, an MSM of 98,304 points, and deriving the
  // 2 × 49,152 generator table cold (into an empty cache directory, on every core).
  {
    const rng = seededRng('bench/backend');
    if (backendName() === 'wasm') {
      wasmInternals.benchField(200_000, false);
      record('field multiply (wasm only)', median5(() => wasmInternals.benchField(200_000, false)), 'ns', 5);
    }
    const enc = Array.from({ length: 256 }, () => G.multiply(scalarFromWide(rng(64))).toBytes());
    const { pointsFromBytes } = await import('../src/core/point.js');
    record('decode one point (batch of 256)', (time(5, () => pointsFromBytes(enc)).ms * 1000) / 256, 'µs', 5);
    if (!process.argv.includes('--linear-only') && !(QUICK && backendName() === 'noble')) {
      const n = 2 * RANGE_CHUNK_BITS;
      const pts = [...generatorVector('bp/G', RANGE_CHUNK_BITS), ...generatorVector('bp/H', RANGE_CHUNK_BITS)];
      const sc = Array.from({ length: n }, () => scalarFromWide(rng(64)));
      record(`MSM of ${n} points (generator table)`, time(1, () => msm(pts, sc), false).ms, 'ms', 1, '<= 1200 ms');
      const dir = mkdtempSync(join(tmpdir(), 'meterproof-bench-gens-'));
      const saved = process.env.METERPROOF_CACHE_DIR;
      process.env.METERPROOF_CACHE_DIR = dir;
      const { cachedGeneratorCount } = await import('../src/core/generators.js');
      void cachedGeneratorCount;
      const t0 = performance.now();
      const { deriveGeneratorsCold } = await import('./derive.js');
      await deriveGeneratorsCold(RANGE_CHUNK_BITS);
      record(`derive the 2 x ${RANGE_CHUNK_BITS} generator table (cold, ${cpus().length} cores)`, performance.now() - t0, 'ms', 1, '<= 2000 ms');
      if (saved === undefined) delete process.env.METERPROOF_CACHE_DIR;
      else process.env.METERPROOF_CACHE_DIR = saved;
      rmSync(dir, { recursive: true, force: true });
    }
  }
}

function median5(f: () => number): number {
  const xs = Array.from({ length: 5 }, f).sort((a, b) => a - b);
  return xs[2]!;
}

for (const b of BACKENDS) {
  if (b === 'noble') useNobleBackend();
  else await useWasmBackend();
  process.env.METERPROOF_BACKEND = b; // worker threads started from here on run the same backend
  console.log(`--- ${b} backend ---`);
  await runCases();
}

console.log('\n' + 'case'.padEnd(66) + 'noble'.padStart(12) + 'wasm'.padStart(12) + '  ratio  unit       target');
for (const r of results) {
  const f = (v?: number) => (v === undefined ? '-' : v.toFixed(TIME_UNITS.has(r.unit) ? 1 : 0)).padStart(12);
  console.log(`${r.name.padEnd(66)}${f(r.noble)}${f(r.wasm)}  ${(r.ratio === undefined ? '' : r.ratio.toFixed(1) + 'x').padStart(5)}  ${r.unit.padEnd(10)} ${r.target ?? ''}`);
}

mkdirSync('bench-results', { recursive: true });
writeFileSync(
  'bench-results/bench.json',
  JSON.stringify({ date: new Date().toISOString(), node: process.version, cpus: cpus().length, cpu: cpus()[0]?.model, backends: BACKENDS, results, rangeproof }, null, 2) + '\n',
);
console.log('summary written to bench-results/bench.json');

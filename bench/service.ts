/**
 * `npm run bench:service`: the provider service under load, on loopback only, bounded in count and time.
 *
 *   1. Compact bills: a month of half-hourly TOU readings (July 2011, 1,488 records), its bill in full and
 *      compact form (bytes as POSTed), and the verification time of the same bill in full form (chain
 *      re-hash, signature, decoding every commitment) against held-record verification (the points the
 *      service decoded once, as the records arrived), medians of 5 runs after a warm-up.
 *   2. Load: U simulated users (default 32), each a meter with a month of hourly records and its proven
 *      bill, against a fresh service per configuration: the embedded default (PGlite, verifier loops in
 *      process) and PostgreSQL at 127.0.0.1:5432 (a throwaway database; `meterproof worker` processes),
 *      with 1 and 2 verifiers (and, on PostgreSQL, one loop in the server process, which holds the points
 *      it decoded at ingest; worker processes decode a run's points on first use). Per run: record ingestion (records/s, every meter pushing daily batches at
 *      once), then all users submit compact bills (8 at a time): bills verified per second (from the first
 *      submission to the last verdict), p50/p99 submit latency (to the 202), queue drain time (from the
 *      last 202 to the last verdict).
 *
 * Prints medians over --runs (default 1) and writes bench-results/service.json. Options: --users N,
 * --runs N, --quick (8 users), --no-pg (PGlite only, said so in the output).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { compactBill } from '../src/bill/compact.js';
import { proveBill } from '../src/bill/prove.js';
import { verifyBill } from '../src/bill/verify.js';
import { fromHex } from '../src/core/bytes.js';
import { generateKey, parsePublicJwk, parseSecretJwk } from '../src/core/keys.js';
import { pointsFromBytes } from '../src/core/point.js';
import { seededRng } from '../src/core/rng.js';
import { parseGreenButton } from '../src/formats/greenbutton.js';
import { buildLog, type MeterInterval } from '../src/meter/log.js';
import { useNodeEd25519 } from '../src/node/ed25519.js';
import { signTariff } from '../src/tariff/signed.js';
import { importUrdb } from '../src/tariff/urdb.js';
import { loadRun, makeUsers, PG_ADMIN, type LoadConfig, type LoadResult } from './service-load.js';
import { median } from './timing.js';

useNodeEd25519();
const args = process.argv.slice(2);
const opt = (name: string, dflt: number) => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : dflt;
};
const quick = args.includes('--quick');
const USERS = opt('--users', quick ? 8 : 32);
const RUNS = opt('--runs', 1);
const say = (s: string) => console.log(s);

const root = fileURLToPath(new URL('../../', import.meta.url));
const cli = fileURLToPath(new URL('../src/cli/main.js', import.meta.url));
const readings = parseGreenButton(readFileSync(`${root}demo/data/nist-inland-single-family-2011-hourly.xml`, 'utf8')).readings;
const JULY = [Date.UTC(2011, 6, 1, 7) / 1000, Date.UTC(2011, 7, 1, 7) / 1000];
const hourly: MeterInterval[] = readings.filter((r) => r.start >= JULY[0]! && r.start < JULY[1]!).map((r) => ({ start: r.start, duration: r.duration, values: [r.wh] }));
// Half-hourly: each hour split in two, the odd Wh in the first half (the month's total is unchanged).
const halfHourly: MeterInterval[] = hourly.flatMap((r) => {
  const a = Math.ceil(r.values[0]! / 2);
  return [
    { start: r.start, duration: 1800, values: [a] },
    { start: r.start + 1800, duration: 1800, values: [r.values[0]! - a] },
  ];
});

const providerJwk = generateKey('provider', seededRng('bench/service/provider'));
const providerKey = parseSecretJwk(providerJwk.secret);
const providerPublic = parsePublicJwk(providerJwk.public);
const { tariff } = importUrdb(JSON.parse(readFileSync(`${root}demo/data/residential-tou.urdb.json`, 'utf8')), { timezone: 'America/Los_Angeles', id: 'demo-residential-tou' });
const signedTariff = signTariff(tariff, providerKey);

say(`meterproof bench:service  (${cpus().length} cores, load average ${loadavg().map((x) => x.toFixed(1)).join(' ')}, Node ${process.version})`);

// 1. Compact bills and held-record verification, in process.
say('');
say('1. a month of half-hourly TOU (July 2011, 1,488 records):');
const meter = generateKey('meter', seededRng('bench/service/half-hourly'));
const meterSecret = parseSecretJwk(meter.secret);
const { log, priv } = buildLog({ meter: 'bench-hh', key: meterSecret, seed: seededRng('bench/service/hh-seed')(32), intervals: halfHourly });
const { bill } = proveBill({ signedTariff, log, priv, account: 'bench-hh', period: '2011-07', rng: seededRng('bench/service/hh-rng') });
const fullBytes = Buffer.byteLength(JSON.stringify({ bill }));
const compactBytes = Buffer.byteLength(JSON.stringify({ compact: compactBill(bill) }));
const meterPublic = parsePublicJwk(meter.public);
const bytes = bill.records.items.flatMap((it) => (it.slice(3) as string[]).map((h) => fromHex(h, 32)));
const timeIt = (f: () => unknown, runs = 5) => {
  f();
  const xs: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    f();
    xs.push(performance.now() - t);
  }
  return median(xs);
};
const decodeMs = timeIt(() => pointsFromBytes(bytes));
const points = pointsFromBytes(bytes);
const check = (r: ReturnType<typeof verifyBill>) => {
  if (!r.ok) throw new Error(`the bench bill was rejected: ${r.reason}`);
};
const fullMs = timeIt(() => check(verifyBill({ bill, signedTariff, providerKey: providerPublic, meterKey: meterPublic })));
const heldMs = timeIt(() => check(verifyBill({ bill, signedTariff, providerKey: providerPublic, meterKey: meterPublic, held: { points } })));
say(`   bill size: full ${(fullBytes / 1024).toFixed(1)} KiB, compact ${(compactBytes / 1024).toFixed(2)} KiB (${compactBytes} bytes, ${(fullBytes / compactBytes).toFixed(0)}× smaller)`);
say(`   verify, full form: ${fullMs.toFixed(1)} ms; from held records: ${heldMs.toFixed(1)} ms (${((100 * heldMs) / fullMs).toFixed(0)}% of full); decoding the 1,488 points once, at ingest: ${decodeMs.toFixed(1)} ms`);

// 2. Load.
let pgOk = !args.includes('--no-pg');
if (pgOk) {
  try {
    const c = new pg.Client({ connectionString: PG_ADMIN, connectionTimeoutMillis: 3000 });
    await c.connect();
    await c.end();
  } catch (e) {
    say(`PostgreSQL at ${PG_ADMIN} does not answer (${(e as Error).message}): the PostgreSQL rows are NOT measured`);
    pgOk = false;
  }
} else say('--no-pg: the PostgreSQL rows are NOT measured');

say('');
say(`2. load: ${USERS} users, each a month of hourly records (744) and its TOU bill (compact form)`);
let t = performance.now();
const users = makeUsers(USERS, hourly, signedTariff, '2011-07');
say(`   made the users' logs and bills in ${((performance.now() - t) / 1000).toFixed(1)} s (not measured)`);
const configs: LoadConfig[] = [
  { backend: 'pglite', workers: 1 },
  { backend: 'pglite', workers: 2 },
  ...(pgOk ? ([{ backend: 'pg', workers: 1 }, { backend: 'pg', workers: 2 }, { backend: 'pg', workers: 1, inProcess: true }] as const) : []),
];
const rows: (LoadResult & { runs: number })[] = [];
for (const cfg of configs) {
  const results: LoadResult[] = [];
  for (let r = 0; r < RUNS; r++) {
    say(`   ${cfg.backend}, ${cfg.workers} worker${cfg.workers > 1 ? 's' : ''}${cfg.backend === 'pg' && !cfg.inProcess ? ' (processes)' : ' (loops in the server process)'}, run ${r + 1}/${RUNS}`);
    t = performance.now();
    const res = await loadRun(cfg, users, { providerKey, providerJwk: providerJwk.secret, signedTariff, cli, ingestBatch: 24, clients: 8, say, timeoutMs: 600_000 });
    if (res.accepted !== USERS) throw new Error(`${res.accepted} of ${USERS} bills accepted`);
    say(`    ${res.billsPerSecond} bills/s, submit p50 ${res.submitP50Ms} ms p99 ${res.submitP99Ms} ms, drain ${res.drainMs} ms`);
    results.push(res);
  }
  const m = (k: keyof LoadResult) => median(results.map((x) => x[k] as number));
  rows.push({
    ...results[0]!,
    ingestRecordsPerSecond: m('ingestRecordsPerSecond'),
    billsPerSecond: m('billsPerSecond'),
    submitP50Ms: m('submitP50Ms'),
    submitP99Ms: m('submitP99Ms'),
    drainMs: m('drainMs'),
    totalMs: m('totalMs'),
    runs: RUNS,
  });
}

say('');
say(`   ${'backend'.padEnd(8)}${'workers'.padStart(12)}${'ingest rec/s'.padStart(14)}${'bills/s'.padStart(10)}${'p50 ms'.padStart(9)}${'p99 ms'.padStart(9)}${'drain ms'.padStart(10)}`);
for (const r of rows) {
  say(`   ${r.backend.padEnd(8)}${`${r.workers}${r.inProcess ? ' loop' : ' proc'}${r.workers > 1 ? 's' : ''}`.padStart(12)}${String(r.ingestRecordsPerSecond).padStart(14)}${String(r.billsPerSecond).padStart(10)}${String(r.submitP50Ms).padStart(9)}${String(r.submitP99Ms).padStart(9)}${String(r.drainMs).padStart(10)}`);
}

mkdirSync('bench-results', { recursive: true });
writeFileSync(
  'bench-results/service.json',
  JSON.stringify(
    {
      when: new Date().toISOString(),
      node: process.version,
      cores: cpus().length,
      loadavg: loadavg(),
      compact: { records: bill.records.count, fullBytes, compactBytes, verifyFullMs: fullMs, verifyHeldMs: heldMs, decodeAtIngestMs: decodeMs },
      load: { users: USERS, recordsPerUser: hourly.length, runs: RUNS, postgres: pgOk, rows },
    },
    null,
    2,
  ) + '\n',
);
say('');
say('summary written to bench-results/service.json');
process.exit(0);

/**
 * The app's Web Worker: every step that touches readings, openings or keys and takes long runs here,
 * off the page's thread, on the core bundled unchanged (WebAssembly backend in the browser). Nothing in
 * this file talks to the network: the worker receives data from the page and posts results back.
 *
 * Protocol: the page posts {id, op, args}; the worker posts {id, progress: {stage, done, total}} now
 * and then and finally {id, ok: true, result} or {id, ok: false, error: {code, message}}.
 */
import { proveBill, proveBillAsync } from '../../src/bill/prove.js';
import { proveRangeJob, proveRangeJobAsync, type RangeJob } from '../../src/statement/proof.js';
import { roundsFor, paddedCount, type RangeBits } from '../../src/proofs/rangeproof/index.js';
import { msmPool } from './msm-pool.js';
import { verifyBill } from '../../src/bill/verify.js';
import { fromHex, randomBytes } from '../../src/core/bytes.js';
import { ed25519Backend, nobleEd25519, setEd25519Backend, type Ed25519Backend } from '../../src/core/ed25519.js';
import { MeterproofError } from '../../src/core/errors.js';
import { generateKey, parsePublicJwk, parseSecretJwk, thumbprint, type SecretKey } from '../../src/core/keys.js';
import { backendName } from '../../src/core/point.js';
import { seededRng } from '../../src/core/rng.js';
import { signConsent } from '../../src/disclosure/consent.js';
import { proveDisclosure } from '../../src/disclosure/prove.js';
import { parseQuery } from '../../src/disclosure/query.js';
import { verifyDisclosure } from '../../src/disclosure/verify.js';
import { parseReadingsCsv } from '../../src/formats/csv.js';
import { sniffReadingsFormat } from '../../src/formats/detect.js';
import { parseGreenButton } from '../../src/formats/greenbutton.js';
import { parseOctopusConsumption } from '../../src/formats/octopus.js';
import { parsePgeCsv } from '../../src/formats/pge.js';
import { parseLondonCsv } from '../../src/formats/london.js';
import { checkTimeZone } from '../../src/formats/localtime.js';
import { readingValues, type ImportedReadings } from '../../src/formats/readings.js';
import { buildLog, parseLogFile, parsePrivateFile, type LogFile, type PrivateFile } from '../../src/meter/log.js';
import { runWitness } from '../../src/meter/witness.js';
import { formatDecimal } from '../../src/tariff/money.js';
import { parsePeriod } from '../../src/tariff/period.js';
import { plainFee } from '../../src/tariff/plain.js';
import { parseTariff, signTariff } from '../../src/tariff/signed.js';
import { DEMO_CAPACITY, DEMO_METER, DEMO_TZ, demoMeterKey, demoTariffs } from './demo-data.js';
import * as db from './db.js';
import type { UserKeyRecord } from './db.js';
import { cachedGeneratorCount, generatorTable, primeGenerators } from '../../src/core/generators.js';
import { GENERATOR_CHUNK } from '../../src/core/generator-pins.js';

type Progress = (stage: string, done: number, total: number) => void;

/** The demo: the NIST year becomes a log signed by a meter simulated here, the URDB tariff is signed by a demo provider. */
function demo(args: { xml: string; urdb: string }, progress: Progress) {
  progress('reading the Green Button file', 0, 1);
  const imported = parseGreenButton(args.xml);
  const meter = demoMeterKey();
  const provider = generateKey('provider');
  const meterKey = meter.key;
  const providerKey = parseSecretJwk(provider.secret);
  const { log, priv } = buildLog({
    meter: DEMO_METER,
    key: meterKey,
    seed: randomBytes(32),
    intervals: imported.readings.map((r) => ({ start: r.start, duration: r.duration, values: [...readingValues(r)] })),
    onProgress: (d, t) => progress('the simulated meter signs its records', d, t),
  });
  const tariffs = demoTariffs(JSON.parse(args.urdb)).map((t) => signTariff(t, providerKey));
  return { log, priv, tariffs, meterKey: meter.public, providerKey: provider.public, demoKeys: { meter: meter.secret, provider: provider.secret } };
}

/** Checks that the private file opens the log it came with (every commitment), so a bill made from them verifies. */
function checkPair(log: LogFile, priv: PrivateFile, progress: Progress): void {
  if (priv.meter !== log.meter) throw new MeterproofError('input.invalid', `the private file is for meter ${priv.meter}, the log for meter ${log.meter}`);
  progress('checking that your file opens the meter log', 0, 1);
  runWitness(log, log.records, fromHex(log.prev), priv);
  progress('checking that your file opens the meter log', 1, 1);
}

function importFiles(args: { privText: string; logText: string }, progress: Progress) {
  const log = parseLogFile(JSON.parse(args.logText));
  const priv = parsePrivateFile(JSON.parse(args.privText));
  checkPair(log, priv, progress);
  return { log, priv };
}

/**
 * A utility download, its format told from its content (src/formats/detect.ts). PG&E and London CSV
 * files give local times without an offset: `timezone` (the page's field, the browser's zone by default)
 * says whose.
 */
function parseReadings(text: string, timezone: string | undefined, household?: string): ImportedReadings {
  const format = sniffReadingsFormat(text);
  const zone = (): string => {
    if (!timezone) throw new MeterproofError('input.format', `this ${format === 'pge-csv' ? 'PG&E' : 'London'} CSV gives local times without an offset: say which time zone they are in`);
    try {
      return checkTimeZone(timezone);
    } catch (e) {
      throw new MeterproofError('input.format', `time zone: ${(e as Error).message}`);
    }
  };
  switch (format) {
    case 'greenbutton':
      return parseGreenButton(text);
    case 'csv':
      return parseReadingsCsv(text);
    case 'octopus-json':
      return parseOctopusConsumption(text);
    case 'pge-csv':
      return parsePgeCsv(text, { timeZone: zone() });
    case 'london-csv':
      return parseLondonCsv(text, { timeZone: zone(), ...(household ? { household } : {}) });
    default:
      throw new MeterproofError('input.format', 'this file is not a Green Button XML, a meterproof CSV, a PG&E or London smart-meter CSV or an Octopus consumption file');
  }
}

/** A Green Button or CSV download plus the meter's log and the opening seed the meter gave the household. */
function importReadings(args: { readingsText: string; logText: string; seed: string; timezone?: string; household?: string }, progress: Progress) {
  const log = parseLogFile(JSON.parse(args.logText));
  const imported = parseReadings(args.readingsText, args.timezone, args.household);
  const bySeq = new Map(log.records.map((r) => [r.start, r.seq] as const));
  const readings = imported.readings.flatMap((r) => {
    const seq = bySeq.get(r.start);
    return seq === undefined ? [] : [{ seq, start: r.start, duration: r.duration, values: [...readingValues(r)] }];
  });
  if (readings.length !== log.records.length) throw new MeterproofError('input.invalid', `the readings cover ${readings.length} of the log's ${log.records.length} records: download the same dates the log covers`);
  const priv = parsePrivateFile({ v: 1, type: 'meterproof/private', meter: log.meter, unit: log.unit, registers: [...log.registers], seed: args.seed.trim().toLowerCase(), readings });
  checkPair(log, priv, progress);
  return { log, priv };
}

/**
 * The range proofs' generators 𝐆, 𝐇 (hash-to-curve, ≈ 0.25 ms each: 12,288 of each for a month of hourly
 * demand) kept in IndexedDB once derived, like the Node edge's disk cache (src/node/generator-cache.ts):
 * public values, every chunk checked against its pin by primeGenerators before one point is used; a
 * table that fails is dropped and derived again.
 */
const GEN_NAMES = ['bp/G', 'bp/H'];
let generatorsLoaded = false;
async function loadGenerators(): Promise<void> {
  if (generatorsLoaded) return;
  generatorsLoaded = true;
  try {
    const stored = (await db.get('generators')) ?? {};
    for (const name of GEN_NAMES) if (stored[name]) primeGenerators(name, stored[name]!);
  } catch {
    await db.del('generators').catch(() => {});
  }
}
async function saveGenerators(): Promise<void> {
  try {
    const stored = (await db.get('generators')) ?? {};
    let changed = false;
    for (const name of GEN_NAMES) {
      const n = Math.floor(cachedGeneratorCount(name) / GENERATOR_CHUNK) * GENERATOR_CHUNK;
      if (n > (stored[name]?.length ?? 0) / 64) {
        stored[name] = generatorTable(name, 0, n);
        changed = true;
      }
    }
    if (changed) await db.put('generators', stored);
  } catch {
    /* a cache only */
  }
}

/** Web Workers for the MSMs of large range proofs: one per core, at most 4 (the page keeps one). */
const CORES = Math.max(1, Math.min(4, (navigator.hardwareConcurrency || 1)));
/** Below this many generators (n·m') a range proof is made here in one piece. */
const POOL_FROM = 4096;

/**
 * The bill's range proofs (the bulk of a demand charge's or a tier's cost), made one job at a time; a
 * large job spreads its multi-scalar multiplications over Web Workers. Progress counts the prover's
 * MSM rounds: about log2(n·m') + 2 per job.
 */
async function runRangeJobs(jobs: RangeJob[], progress: Progress): Promise<string[]> {
  const rounds = jobs.map((j) => roundsFor(j.n as RangeBits, paddedCount(j.values.length)) + 2);
  const total = rounds.reduce((a, b) => a + b, 0);
  let done = 0;
  const step = () => progress('proving', Math.min(++done, total - 1), total);
  const big = jobs.some((j) => j.n * paddedCount(j.values.length) >= POOL_FROM);
  const pool = CORES > 1 && big ? msmPool(CORES, step) : undefined;
  try {
    const out: string[] = [];
    for (let i = 0; i < jobs.length; i++) {
      const j = jobs[i]!;
      if (pool && j.n * paddedCount(j.values.length) >= POOL_FROM) out.push(await proveRangeJobAsync(j, pool.exec));
      else out.push(proveRangeJob(j));
      done = rounds.slice(0, i + 1).reduce((a, b) => a + b, 0);
      progress('proving', done, total);
    }
    return out;
  } finally {
    pool?.close();
  }
}

async function prove(args: { signed: unknown; log: unknown; priv: unknown; account: string; period: string; threads?: boolean }, progress: Progress) {
  const tariff = parseTariff((args.signed as { tariff: unknown }).tariff);
  const priv = parsePrivateFile(args.priv);
  progress('computing the bill', 0, 1);
  await loadGenerators();
  const t0 = performance.now();
  const input = {
    signedTariff: args.signed,
    log: args.log,
    priv,
    account: args.account,
    period: args.period,
    onProgress: (d: number, t: number) => progress('proving', d, t),
  };
  const { bill } = args.threads === false ? proveBill(input) : await proveBillAsync(input, (jobs) => runRangeJobs(jobs, progress));
  const ms = performance.now() - t0;
  await saveGenerators();
  const plain = plainFee(tariff, parsePeriod(args.period, tariff.timezone), priv.readings);
  return {
    bill,
    ms,
    backend: backendName(),
    threads: CORES,
    size: JSON.stringify(bill).length,
    plain: { total: formatDecimal(plain.total, tariff.scale), items: plain.items.map((i) => ({ component: i.component, amount: formatDecimal(i.amount, tariff.scale) })) },
  };
}

function verify(args: { bill: unknown; signed: unknown; providerKey: unknown; meterKey: unknown; expect?: { account?: string; meter?: string; period?: string } }) {
  let providerKey;
  let meterKey;
  try {
    providerKey = parsePublicJwk(args.providerKey, 'provider', 'the provider key');
    meterKey = parsePublicJwk(args.meterKey, 'meter', 'the meter key');
  } catch (e) {
    return { ok: false, reason: 'key.invalid', detail: e instanceof Error ? e.message : String(e) };
  }
  const t0 = performance.now();
  const r = verifyBill({ bill: args.bill, signedTariff: args.signed, providerKey, meterKey, ...(args.expect ? { expect: args.expect } : {}) });
  return { ...r, ms: performance.now() - t0 };
}

/** An Ed25519 backend that signs exactly one message with a signature made elsewhere (WebCrypto), and nothing else. */
function presigned(message: Uint8Array, signature: Uint8Array, inner: Ed25519Backend): Ed25519Backend {
  return {
    name: 'webcrypto',
    publicKey: inner.publicKey,
    verify: inner.verify,
    sign: (_sk, msg) => {
      if (msg.length !== message.length || msg.some((b, i) => b !== message[i])) throw new MeterproofError('internal', 'the WebCrypto key signs only the consent shown to the user');
      return signature;
    },
  };
}

/**
 * Approving a disclosure request: the consent is signed with the user's key and the answers proven here.
 * With a WebCrypto key (non-extractable, so this code never sees its secret) the consent's signing input
 * is taken from signConsent, signed by crypto.subtle (Ed25519 is deterministic, RFC 8032: the same
 * signature noble would make), and handed to proveDisclosure through a one-message backend.
 */
async function disclose(args: { query: unknown; terms: { recipient: string; purpose: string; expires: string }; log: unknown; priv: unknown; userKey: UserKeyRecord }, progress: Progress) {
  const query = parseQuery(args.query);
  const now = Math.floor(Date.now() / 1000);
  const pub = args.userKey.publicKey;
  const kid = thumbprint(pub);
  let userKey: SecretKey;
  let signer = 'noble';
  const before = ed25519Backend();
  try {
    if (args.userKey.kind === 'webcrypto') {
      let message: Uint8Array | undefined;
      setEd25519Backend({ ...nobleEd25519, sign: (_sk, msg) => ((message = msg), new Uint8Array(64)) });
      userKey = { role: 'user', kid, bytes: pub, secret: new Uint8Array(32) };
      signConsent(query, args.terms, userKey, now);
      const sig = new Uint8Array(await crypto.subtle.sign({ name: 'Ed25519' }, args.userKey.privateKey, message! as Uint8Array<ArrayBuffer>));
      if (!nobleEd25519.verify(pub, message!, sig)) throw new MeterproofError('internal', 'the WebCrypto signature does not verify');
      setEd25519Backend(presigned(message!, sig, nobleEd25519));
      signer = 'webcrypto';
    } else {
      userKey = { role: 'user', kid, bytes: pub, secret: args.userKey.secret };
    }
    progress('proving the answers', 0, 1);
    const { disclosure, answers } = proveDisclosure({ query, terms: args.terms, log: args.log, priv: args.priv, userKey, now, onProgress: (d, t) => progress('proving the answers', d, t) });
    // Checked here as the recipient will check it, before anything is sent.
    setEd25519Backend(nobleEd25519);
    const meterBytes = fromHex(parseLogFile(args.log).meterKey, 32);
    const check = verifyDisclosure({ disclosure, meterKey: { role: 'meter', kid: thumbprint(meterBytes), bytes: meterBytes }, userKey: { role: 'user', kid, bytes: pub }, recipient: args.terms.recipient, query, now });
    if (!check.ok) throw new MeterproofError('internal', `the disclosure made here does not verify: ${check.reason} ${check.detail}`);
    return { disclosure, answers: answers.map((a) => String(a)), signer };
  } finally {
    setEd25519Backend(before);
  }
}

/**
 * The browser proving benchmark (for the closing note, not a test): a month of half-hourly readings on a
 * two-period TOU tariff, and the demo's demand-charge tariff over a month of hourly readings.
 */
async function bench(args: { kind: 'tou-halfhour' | 'demand'; threads?: boolean }, progress: Progress) {
  const rng = seededRng(`app-bench/${args.kind}`);
  const meter = parseSecretJwk(generateKey('meter', rng).secret);
  const provider = parseSecretJwk(generateKey('provider', rng).secret);
  const TZ = args.kind === 'tou-halfhour' ? 'Europe/London' : DEMO_TZ;
  const step = args.kind === 'tou-halfhour' ? 1800 : 3600;
  const p = parsePeriod('2026-01', TZ);
  const n = (p.end - p.start) / step;
  const intervals = Array.from({ length: n }, (_, i) => ({ start: p.start + i * step, duration: step, values: [(i * 37) % (step === 1800 ? 900 : 1800)] }));
  const { log, priv } = buildLog({ meter: 'bench-meter', key: meter, seed: rng(32), intervals });
  const sched = (f: (h: number) => number) => Array.from({ length: 12 }, () => Array.from({ length: 24 }, (_, h) => f(h)));
  const tariff =
    args.kind === 'tou-halfhour'
      ? { v: 1, type: 'meterproof/tariff', id: 'bench-tou', name: 'two-period TOU', currency: 'GBP', timezone: TZ, scale: 12, unit: 'Wh', components: [{ kind: 'fixed', name: 'standing charge', amount: '530000000000', per: 'day' }, { kind: 'tou-energy', name: 'energy', periods: [{ label: 'night', rate: '152340000' }, { label: 'day', rate: '223440000' }], weekday: sched((h) => (h >= 7 ? 1 : 0)), weekend: sched(() => 0) }] }
      : { v: 1, type: 'meterproof/tariff', id: 'bench-demand', name: 'TOU + demand', currency: 'USD', timezone: TZ, scale: 9, unit: 'Wh', capacity: String(DEMO_CAPACITY), itemised: true, components: [{ kind: 'tou-energy', name: 'energy', periods: [{ label: 'off-peak', rate: '300000' }, { label: 'peak', rate: '450000' }], weekday: sched((h) => (h >= 16 && h < 21 ? 1 : 0)), weekend: sched(() => 0) }, { kind: 'demand', name: 'demand charge', periods: [{ label: 'monthly peak', tiers: [{ rate: '10000000' }] }], weekday: sched(() => 0), weekend: sched(() => 0) }] };
  const signed = signTariff(parseTariff(tariff), provider);
  const cached = cachedGeneratorCount('bp/G');
  const t0 = performance.now();
  const input = { signedTariff: signed, log, priv, account: 'bench', period: '2026-01', onProgress: (d: number, t: number) => progress('proving', d, t) };
  const { bill } = args.threads === false ? proveBill(input) : await proveBillAsync(input, (jobs) => runRangeJobs(jobs, progress));
  const proveMs = performance.now() - t0;
  await saveGenerators();
  const v0 = performance.now();
  const r = verifyBill({ bill, signedTariff: signed, providerKey: provider, meterKey: meter });
  return { kind: args.kind, generatorsCached: cached, threads: args.threads === false ? 1 : CORES, records: n, proveMs, verifyMs: performance.now() - v0, ok: r.ok, backend: backendName(), bytes: JSON.stringify(bill).length };
}

const ops: Record<string, (args: never, progress: Progress) => unknown> = { demo, importFiles, importReadings, prove, verify, disclose, bench, hello: () => ({ backend: backendName() }) };

self.onmessage = async (ev: MessageEvent<{ id: number; op: string; args: unknown }>) => {
  const { id, op, args } = ev.data;
  const progress: Progress = (stage, done, total) => self.postMessage({ id, progress: { stage, done, total } });
  try {
    const f = ops[op];
    if (!f) throw new MeterproofError('internal', `unknown worker op ${op}`);
    const result = await f(args as never, progress);
    self.postMessage({ id, ok: true, result });
  } catch (e) {
    // Errors from the core never carry readings or openings (their messages name records by seq and time).
    const code = e instanceof MeterproofError ? e.code : 'internal';
    self.postMessage({ id, ok: false, error: { code, message: e instanceof Error ? e.message : String(e) } });
  }
};

// Checks of what the provider sends, made in this browser before the app relies on it.
import { checkSignedTariff } from '../../src/tariff/signed.js';
import { canonicalJson } from '../../src/core/jcs.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { concatBytes, utf8 } from '../../src/core/bytes.js';

function checkTariff(args: { signed: unknown; providerKey: unknown }) {
  const r = checkSignedTariff(args.signed, parsePublicJwk(args.providerKey, 'provider', 'the provider key'));
  return r.ok ? { ok: true } : { ok: false, reason: r.reason, detail: r.detail };
}

/**
 * A provider-signed document (receipt, registration): the provider signs
 * context ‖ 0x00 ‖ SHA-256(JCS(document without "signature")) (src/service/signed.ts).
 */
function checkSigned(args: { doc: Record<string, unknown>; context: string; providerKey: unknown }) {
  const { signature, ...rest } = args.doc;
  const key = parsePublicJwk(args.providerKey, 'provider', 'the provider key');
  if (typeof signature !== 'string' || !/^[0-9a-f]{128}$/.test(signature)) return { ok: false };
  const msg = concatBytes(utf8(args.context), Uint8Array.of(0), sha256(utf8(canonicalJson(rest))));
  return { ok: nobleEd25519.verify(key.bytes, msg, fromHex(signature)) };
}
Object.assign(ops, { checkTariff, checkSigned });

// The meter's log fetched from the provider ("pair with the provider"): the page fetched the records,
// here the core checks them (registration signed by the provider, chain, meter signature on every record)
// and, with the private file, that it opens every commitment. A record the service altered is refused.
import { checkFetchedLog } from '../../src/agent/fetch-log.js';
import type { MeterRegistration } from '../../src/service/api.js';

function importFetched(args: { privText: string; log: unknown; registration: MeterRegistration; providerKey: unknown }, progress: Progress) {
  progress('checking the meter log from the provider (chain and meter signatures)', 0, 1);
  const log = checkFetchedLog(args.log, args.registration, args.providerKey);
  progress('checking the meter log from the provider (chain and meter signatures)', 1, 1);
  const priv = parsePrivateFile(JSON.parse(args.privText));
  checkPair(log, priv, progress);
  return { log, priv };
}
Object.assign(ops, { importFetched });

/** The simulated meter: deterministic signing, the append-only directory, and resuming without a fork. */
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fromHex } from '../../src/core/bytes.js';
import { seededRng } from '../../src/core/rng.js';
import { buildLog } from '../../src/meter/log.js';
import { parseGreenButton } from '../../src/formats/greenbutton.js';
import { dueUntil, resumeIndex, signBatch, SimClock, type MeterIdentity } from '../../src/simulator/meter.js';
import { LOG_STREAM, MeterDir, PRIVATE_STREAM, readMeterDir } from '../../src/simulator/store.js';
import { fixture, keys } from '../helpers.js';

const readings = parseGreenButton(fixture('greenbutton/nine-days-hourly.xml')).readings.slice(0, 60);
const meterKey = keys('meter', 'sim');
const id: MeterIdentity = { meter: 'sim-1', key: meterKey.secret, seed: seededRng('sim-seed')(32), unit: 'Wh', registers: ['import'] };
const header = { meter: 'sim-1', meterKey: Buffer.from(meterKey.public.bytes).toString('hex'), unit: 'Wh', registers: ['import'] };
const dirs: string[] = [];
const tmp = () => {
  const d = mkdtempSync(join(tmpdir(), 'mp-sim-'));
  dirs.push(d);
  return d;
};
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

/** The whole run signed at once: what the batches must add up to. */
const whole = () => buildLog({ meter: id.meter, key: id.key, seed: id.seed, intervals: readings.map((r) => ({ start: r.start, duration: r.duration, values: [r.wh] })) });

describe('simulated meter', () => {
  it('signs batches that chain into exactly the log signed in one go', () => {
    let head = { nextSeq: 0, prev: new Uint8Array(32) } as Parameters<typeof signBatch>[1];
    const records = [];
    for (let i = 0; i < readings.length; i += 7) {
      const b = signBatch(id, head, readings.slice(i, i + 7));
      records.push(...b.records);
      head = b.head;
    }
    expect(records).toEqual(whole().log.records);
  });

  it('refuses a batch that does not start where the chain ends', () => {
    const b = signBatch(id, { nextSeq: 0, prev: new Uint8Array(32) }, readings.slice(0, 3));
    expect(() => signBatch(id, b.head, readings.slice(4, 6))).toThrow(/chain ends/);
  });

  it('clock and schedule: readings are due when they end, faster than real time on request', () => {
    const c = new SimClock(readings[0]!.start, 3600, 1_000_000);
    // Two wall seconds at 3600× are two simulated hours: the first two hourly readings are due.
    expect(dueUntil(readings, 0, c.now(1_002_000), 100)).toBe(2);
    expect(dueUntil(readings, 0, c.now(1_002_000), 1)).toBe(1);
    expect(c.wallUntil(readings[0]!.start + 3 * 3600, 1_000_000)).toBe(3000);
    expect(dueUntil(readings, 0, new SimClock(0, Infinity).now(), 1000)).toBe(readings.length);
  });

  it('stores, reopens after a torn write, and continues the same chain (no fork)', () => {
    const dir = tmp();
    let m = MeterDir.create(dir, header, id.seed);
    expect(statSync(join(dir, PRIVATE_STREAM)).mode & 0o777).toBe(0o600);
    let b = signBatch(id, m.head, readings.slice(0, 20));
    m.append(b.records, b.readings, b.head);
    // A crash mid-batch: the readings of the next batch were written, the log line is torn.
    b = signBatch(id, m.head, readings.slice(20, 30));
    appendFileSync(join(dir, PRIVATE_STREAM), b.readings.map((r) => JSON.stringify(r) + '\n').join(''));
    appendFileSync(join(dir, LOG_STREAM), JSON.stringify(b.records[0]).slice(0, 40));

    m = MeterDir.open(dir);
    expect(m.records).toBe(20);
    expect(m.head.nextSeq).toBe(20);
    const i = resumeIndex(readings, m.head);
    expect(i).toBe(20);
    b = signBatch(id, m.head, readings.slice(i));
    m.append(b.records, b.readings, b.head);

    const { log, priv } = readMeterDir(dir);
    expect(log.records).toEqual(whole().log.records);
    expect(priv.readings).toEqual(whole().priv.readings);
    expect(priv.seed).toBe(Buffer.from(id.seed).toString('hex'));
    expect(fromHex(log.records[59]!.hash)).toEqual(m.head.prev);
  });

  it('refuses to resume on another readings file', () => {
    const dir = tmp();
    const m = MeterDir.create(dir, header, id.seed);
    const b = signBatch(id, m.head, readings.slice(0, 5));
    m.append(b.records, b.readings, b.head);
    const shifted = readings.map((r) => ({ ...r, start: r.start + 1800 }));
    expect(() => resumeIndex(shifted, MeterDir.open(dir).head)).toThrow(/same file/);
  });

  it('refuses to create over an existing meter directory', () => {
    const dir = tmp();
    MeterDir.create(dir, header, id.seed);
    expect(() => MeterDir.create(dir, header, id.seed)).toThrow(/already exists/);
    writeFileSync(join(dir, 'x'), '');
    expect(readFileSync(join(dir, LOG_STREAM), 'utf8').split('\n').length).toBe(2);
  });
});

describe('simulateMeter', () => {
  it('pushes in batches, survives a push failure, and resumes from the service head without forking', async () => {
    const { simulateMeter } = await import('../../src/simulator/run.js');
    const dir = tmp();
    const held: Map<number, string> = new Map();
    let failAt = 25;
    const push = async (records: { seq: number; hash: string }[]) => {
      for (const r of records) {
        if (r.seq === failAt) throw new Error('connection reset');
        const h = held.get(r.seq);
        if (h !== undefined && h !== r.hash) throw new Error(`fork at ${r.seq}`);
        held.set(r.seq, r.hash);
      }
    };
    const base = {
      dir,
      meter: id.meter,
      key: id.key,
      newSeed: () => id.seed,
      readings,
      registers: ['import'],
      unit: 'Wh',
      speed: Infinity,
      pushEvery: 6 * 3600,
      batchSize: 4,
      push,
      serviceNext: async () => held.size,
    };
    await expect(simulateMeter(base)).rejects.toThrow(/connection reset/);
    // The batch that failed was stored before the push: the meter is ahead of the service.
    expect(MeterDir.open(dir).records).toBeGreaterThan(held.size);
    failAt = -1;
    const r = await simulateMeter(base);
    expect(r.resumedAt).toBeGreaterThan(0);
    expect(held.size).toBe(readings.length);
    const w = whole().log.records;
    expect([...held.entries()].sort((a, b) => a[0] - b[0]).map(([, h]) => h)).toEqual(w.map((x) => x.hash));
    expect(readMeterDir(dir).log.records).toEqual(w);
    // A third run has nothing to do.
    const again = await simulateMeter(base);
    expect(again.stored).toBe(0);
  });

  it('waits on the simulated clock: pushes come at the schedule, faster than real time', async () => {
    const { simulateMeter } = await import('../../src/simulator/run.js');
    const waits: number[] = [];
    const batches: number[] = [];
    await simulateMeter({
      dir: tmp(),
      meter: id.meter,
      key: id.key,
      newSeed: () => id.seed,
      readings,
      registers: ['import'],
      unit: 'Wh',
      speed: 3600,
      pushEvery: 12 * 3600,
      batchSize: 1000,
      limit: 48,
      push: async (rs) => void batches.push(rs.length),
      sleep: async (ms) => void waits.push(ms),
    });
    // 48 hourly readings, a push every 12 simulated hours = 12 wall seconds at 3600×: four pushes of 12.
    expect(batches).toEqual([12, 12, 12, 12]);
    // The fake sleep returns at once, so the k-th wait is for the k-th push time: k × 12 s from the start.
    expect(waits.length).toBe(4);
    waits.forEach((w, k) => {
      expect(w).toBeLessThanOrEqual((k + 1) * 12_000);
      expect(w).toBeGreaterThan((k + 1) * 12_000 - 5_000);
    });
  });
});

/**
 * The simulated meter's loop: sign the readings of a file as their intervals close on the simulated
 * clock, store them in the meter directory, and push them to the provider service in batches.
 *
 * Schedule: the meter pushes what has closed every `pushEvery` simulated seconds (a day by default, as
 * many smart meters do), at most `batchSize` records a request. With speed Infinity it pushes as fast as
 * the service takes them. On start it first pushes what it stored but the service never acknowledged
 * (the service appends a batch it already holds once), then continues the chain where the stored log
 * ends: the same seed, key and readings sign the same records again (meter.ts), so a restart never forks.
 */
import { MeterproofError } from '../core/errors.js';
import type { SecretKey } from '../core/keys.js';
import { toHex } from '../core/bytes.js';
import type { LogRecord } from '../meter/log.js';
import type { Reading } from '../formats/readings.js';
import { dueUntil, resumeIndex, signBatch, SimClock } from './meter.js';
import { MeterDir } from './store.js';

export interface SimulateOptions {
  readonly dir: string;
  readonly meter: string;
  readonly key: SecretKey;
  /** Used when the directory is new: the opening seed shared with the user. */
  readonly newSeed: () => Uint8Array;
  readonly readings: readonly Reading[];
  readonly registers: readonly string[];
  readonly unit: string;
  /** Simulated seconds per wall second; Infinity: no waiting. */
  readonly speed: number;
  /** Simulated seconds between pushes. */
  readonly pushEvery: number;
  readonly batchSize: number;
  /** Sends a batch to the service; resolves once it is acknowledged (2xx). Absent: store only. */
  readonly push?: (records: LogRecord[]) => Promise<void>;
  /**
   * The next seq the service expects (its records head), asked once at start: the meter pushes from
   * there rather than from its own note (pushed.json), so a service that lost nothing gets no repeats
   * and one that was reset gets everything again.
   */
  readonly serviceNext?: () => Promise<number>;
  /** Stop after this many records in all (for tests and demos); default: the whole file. */
  readonly limit?: number;
  readonly signal?: AbortSignal;
  readonly onBatch?: (info: { stored: number; pushed: number; total: number; end: number }) => void;
  readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

export interface SimulateResult {
  readonly dir: string;
  readonly resumedAt: number;
  readonly stored: number;
  readonly pushed: number;
  readonly total: number;
}

const defaultSleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    const t = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => (clearTimeout(t), resolve()), { once: true });
  });

export async function simulateMeter(o: SimulateOptions): Promise<SimulateResult> {
  const sleep = o.sleep ?? defaultSleep;
  if (!(o.batchSize >= 1)) throw new MeterproofError('usage', 'the batch size is at least 1');
  if (!(o.pushEvery >= 1)) throw new MeterproofError('usage', 'the push interval is at least one second');
  const header = { meter: o.meter, meterKey: toHex(o.key.bytes), unit: o.unit, registers: [...o.registers] };
  let dir: MeterDir;
  if (MeterDir.exists(o.dir)) {
    dir = MeterDir.open(o.dir);
    const h = dir.header;
    if (h.meter !== o.meter || h.meterKey !== header.meterKey) throw new MeterproofError('meter.resume', `${o.dir} holds meter ${h.meter} with another key or id: use that meter's key and id, or another directory`);
    if (h.unit !== o.unit || h.registers.join('\n') !== header.registers.join('\n')) throw new MeterproofError('meter.resume', `${o.dir} holds a meter with registers [${h.registers.join(', ')}] in ${h.unit}: not this readings file's`);
  } else {
    dir = MeterDir.create(o.dir, header, o.newSeed());
  }
  const id = { meter: o.meter, key: o.key, seed: dir.seed, unit: o.unit, registers: o.registers };
  const total = Math.min(o.readings.length, o.limit ?? Infinity);
  const resumedAt = resumeIndex(o.readings, dir.head);
  let pushed = 0;

  const send = async (records: LogRecord[]) => {
    if (!o.push) return;
    for (let i = 0; i < records.length; i += o.batchSize) {
      const batch = records.slice(i, i + o.batchSize);
      await o.push(batch);
      dir.setPushed(batch[batch.length - 1]!.seq);
      pushed += batch.length;
    }
  };
  // What the service never acknowledged first.
  if (o.push) {
    const from = o.serviceNext ? (await o.serviceNext()) - 1 : dir.pushed();
    await send(dir.recordsAfter(from));
  }

  let i = resumedAt;
  if (i >= total) return { dir: o.dir, resumedAt, stored: 0, pushed, total: dir.records };
  const clock = new SimClock(o.readings[i]!.start, o.speed);
  let stored = 0;
  let nextPush = o.readings[i]!.start + o.pushEvery;
  while (i < total && !o.signal?.aborted) {
    // Wait for the next push time on the simulated clock (or the end of the file's last interval).
    const last = o.readings[total - 1]!;
    const at = Math.min(nextPush, last.start + last.duration);
    const wait = clock.wallUntil(at);
    if (wait > 0) await sleep(wait, o.signal);
    if (o.signal?.aborted) break;
    // We slept until `at` on the simulated clock (a wake-up never comes early).
    const t = at;
    nextPush += o.pushEvery;
    // With no waiting, one batch a round; otherwise everything that closed by now.
    const j = dueUntil(o.readings, i, t, o.speed === Infinity ? o.batchSize : total, total);
    if (j === i) continue;
    const b = signBatch(id, dir.head, o.readings.slice(i, j));
    dir.append(b.records, b.readings, b.head);
    stored += b.records.length;
    i = j;
    await send(b.records);
    o.onBatch?.({ stored: dir.records, pushed, total, end: b.head.end! });
  }
  return { dir: o.dir, resumedAt, stored, pushed, total: dir.records };
}

/**
 * `meterproof meter simulate`: a meter that streams a readings file (Green Button, CSV, …) as if live,
 * signing each interval as it closes on a simulated clock and pushing batches to the provider service.
 * The directory it writes (log.jsonl, private.jsonl: src/simulator/store.ts) is what the user's agent
 * reads; run it again with the same key, id and file and it resumes the same chain.
 */
import type { Command } from 'commander';
import { randomBytes } from '../../core/bytes.js';
import { ServiceClient, ServiceError } from '../../agent/client.js';
import { type DuplicatePolicy } from '../../formats/readings.js';
import { SEED_BYTES } from '../../meter/openings.js';
import { simulateMeter } from '../../simulator/run.js';
import { loadSecretKey, out, UsageError } from '../common.js';
import { progress } from '../progress.js';
import { importReadings } from './meter.js';

/** "90", "15m", "1h", "1d" → seconds. */
export function parseSeconds(text: string, what: string): number {
  const m = /^(\d+)(s|m|min|h|d)?$/.exec(text.trim());
  if (!m) throw new UsageError(`${what} ${JSON.stringify(text)}: use seconds, or a number with s, m, h or d (e.g. 1d)`);
  const k = { s: 1, m: 60, min: 60, h: 3600, d: 86400 }[m[2] ?? 's']!;
  const v = Number(m[1]) * k;
  if (v < 1) throw new UsageError(`${what} must be at least one second`);
  return v;
}

export function parseSpeed(text: string): number {
  if (text === 'max') return Infinity;
  const v = Number(text);
  if (!(v > 0) || !Number.isFinite(v)) throw new UsageError(`--speed ${JSON.stringify(text)}: a positive number (1 = real time, 3600 = an hour a second) or max`);
  return v;
}

export function register(meter: Command): void {
  meter
    .command('simulate')
    .description('stream a readings file as a live meter: sign each interval as it closes, push batches to the provider service, write the meter directory (log.jsonl, private.jsonl); resumes the same chain when run again')
    .requiredOption('--key <file>', "the meter's secret key (meter.key.json)")
    .requiredOption('--meter-id <id>', "the meter's id, as registered with the provider")
    .requiredOption('--in <file>', 'readings file (Green Button XML, CSV, … as for meter import)')
    .requiredOption('--out <dir>', 'the meter directory: log.jsonl (public), private.jsonl (the user\'s secret, mode 0600), pushed.json')
    .option('--service <url>', 'the provider service to push to (e.g. http://127.0.0.1:8080); without it the meter only writes its directory')
    .option('--speed <n>', 'simulated seconds per second (1 = real time, 3600 = an hour a second) or max (no waiting)', '1')
    .option('--push-every <time>', 'simulated time between pushes (s, m, h, d)', '1d')
    .option('--batch <n>', 'at most this many records per request', '1000')
    .option('--limit <n>', 'stop after this many records in all')
    .option('--format <format>', 'as for meter import', 'auto')
    .option('--timezone <zone>', 'as for meter import (pge-csv, london-csv)')
    .option('--unit <unit>', 'csv: the unit the registers count in', 'Wh')
    .option('--duplicates <policy>', 'error | drop-identical', 'error')
    .action(async (o: { key: string; meterId: string; in: string; out: string; service?: string; speed: string; pushEvery: string; batch: string; limit?: string; format: string; timezone?: string; unit: string; duplicates: string }) => {
      const speed = parseSpeed(o.speed);
      const pushEvery = parseSeconds(o.pushEvery, '--push-every');
      const batchSize = Number(o.batch);
      if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 4096) throw new UsageError('--batch: a whole number from 1 to 4096');
      const limit = o.limit === undefined ? undefined : Number(o.limit);
      if (limit !== undefined && (!Number.isInteger(limit) || limit < 1)) throw new UsageError('--limit: a positive whole number');
      const key = loadSecretKey(o.key, 'meter');
      const imported = importReadings(o.in, { format: o.format, duplicates: o.duplicates as DuplicatePolicy, ...(o.timezone === undefined ? {} : { timezone: o.timezone }) });
      const client = o.service ? new ServiceClient({ baseUrl: o.service }) : undefined;
      const total = Math.min(imported.readings.length, limit ?? Infinity);
      const bar = progress('meter: signing and pushing');
      const ac = new AbortController();
      const stop = () => ac.abort();
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      try {
        const r = await simulateMeter({
          dir: o.out,
          meter: o.meterId,
          key,
          newSeed: () => randomBytes(SEED_BYTES),
          readings: imported.readings,
          registers: imported.registers,
          unit: o.unit,
          speed,
          pushEvery,
          batchSize,
          ...(limit === undefined ? {} : { limit }),
          signal: ac.signal,
          ...(client
            ? {
                push: async (records) => {
                  await client.pushRecords(o.meterId, records);
                },
                serviceNext: async () => (await client.recordsHead(o.meterId)).next,
              }
            : {}),
          onBatch: (b) => bar.update(b.stored, total),
        });
        bar.done();
        out(`meter ${o.meterId}: ${r.total} records stored in ${o.out}${r.resumedAt > 0 ? ` (resumed at reading ${r.resumedAt})` : ''}; ${r.stored} signed now, ${r.pushed} pushed${client ? ` to ${o.service}` : ''}`);
        if (ac.signal.aborted) out('stopped; run the same command again to resume');
      } catch (e) {
        bar.done();
        if (e instanceof ServiceError) throw new ServiceError(e.code, `the service refused the records: ${e.message}`, e.status, e.detail);
        throw e;
      } finally {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
      }
    });
}

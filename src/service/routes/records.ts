/**
 * Records: a meter pushes batches of its signed records. The service checks them against what it holds
 * and appends, in one transaction that holds the meter's row lock (so two pushes for one meter are
 * serialised, on PGlite and on PostgreSQL with many servers):
 *
 *   1. the batch is consecutive (seq_i = seq_{i−1} + 1, start_i = start_{i−1} + duration_{i−1}) and starts
 *      at or before the next seq expected (else 409 records.gap: push the missing ones first);
 *   2. every record re-hashes, with the registered meter's layout and the held hash before it, to its
 *      `hash`, and its signature verifies under the registered key (else 422 records.chain /
 *      records.signature; junk is not tamper evidence: the meter did not sign it);
 *   3. every commitment decodes (else 422 encoding.point); the decoded points are kept for verifying
 *      held bills: in this process's cache (points.ts) and, as affine coordinates, beside each record;
 *   4. records for seqs already held must be those held (an idempotent retry): a different one, signed
 *      by the meter, is a fork — 409 records.fork, nothing appended, the batch stored as tamper evidence;
 *   5. the rest is appended and the meter's head moves.
 *
 * Anyone reads the held records back (GET …/records?from&count): they are hiding commitments, public
 * like the registration; a reader checks them against the registered meter key (src/agent/fetch-log.ts).
 */
import type { FastifyInstance } from 'fastify';
import type { z } from 'zod';
import { fromHex, toHex, utf8 } from '../../core/bytes.js';
import { verifyDigest } from '../../core/ed25519.js';
import { EncodingError } from '../../core/errors.js';
import { pointsFromBytes, type Point } from '../../core/point.js';
import { backend } from '../../core/backend/index.js';
import { isoUtc } from '../../core/time.js';
import { layoutDigest } from '../../meter/layout.js';
import type { LogRecord } from '../../meter/log.js';
import { recordChain, METER_ID_RE } from '../../meter/record.js';
import { ROUTES, BATCH_MAX, type MeterRegistration, type MeterRecordsQuery, type PushRecordsRequest } from '../api.js';
import type { ServiceContext } from '../context.js';
import { ServiceError } from '../errors.js';
import { jwkBytes } from '../signed.js';
import { hashAt } from '../store/records.js';
import { addRoute, json, param, type Authorize } from './route.js';

interface MeterRow {
  registration: unknown;
  next_seq: string | number;
  last_hash: string;
}

export function registerRecordRoutes(app: FastifyInstance, ctx: ServiceContext, authorize: Authorize): void {
  addRoute<z.infer<typeof PushRecordsRequest>>(app, ROUTES.pushRecords, authorize, async (r) => {
    const meter = param(r, 'meter', METER_ID_RE);
    const records = r.body.records;
    for (let i = 1; i < records.length; i++) {
      const a = records[i - 1]!;
      const b = records[i]!;
      if (b.seq !== a.seq + 1 || b.start !== a.start + a.duration) {
        throw new ServiceError('records.chain', `record ${b.seq} does not follow record ${a.seq} (consecutive seqs, each starting where the last ended)`);
      }
    }
    let evidence: ServiceError | null = null;
    const out = await ctx.db.tx(async (q) => {
      const [m] = await q.query<MeterRow>('SELECT registration, next_seq, last_hash FROM meters WHERE meter = $1 FOR UPDATE', [meter]);
      if (!m) throw new ServiceError('meter.unknown', `no meter ${meter} is registered`);
      const reg = json<MeterRegistration>(m.registration);
      const next = Number(m.next_seq);
      const first = records[0]!.seq;
      if (first > next) throw new ServiceError('records.gap', `the service holds records up to seq ${next - 1}; this batch starts at ${first}`);
      const K = reg.layout.registers.length;
      const L = layoutDigest(reg.layout);
      const meterBytes = utf8(meter);
      const key = jwkBytes(reg.meterKey);
      const prev = await hashAt(q, meter, first - 1);
      if (prev === null) throw new ServiceError('internal', 'a held record is missing', 500);
      const held = first < next ? await q.query<{ seq: string | number; hash: string }>('SELECT seq, hash FROM records WHERE meter = $1 AND seq >= $2 AND seq < $3 ORDER BY seq', [meter, first, Math.min(next, first + records.length)]) : [];
      let bytes: Uint8Array[];
      try {
        bytes = records.flatMap((rec) => {
          if (rec.commitments.length !== K) throw new ServiceError('records.layout', `record ${rec.seq} has ${rec.commitments.length} commitments; meter ${meter} has ${K} registers (${reg.layout.registers.join(', ')})`);
          return rec.commitments.map((c) => fromHex(c, 32));
        });
      } catch (e) {
        throw e instanceof ServiceError ? e : new ServiceError('request.schema', 'body: records: a commitment is not 32 bytes of hex');
      }
      // The batch's whole chain from the held record before it, in one pass (src/meter/record.ts); the
      // first record whose stated hash differs is the one named.
      const hashes = recordChain(meterBytes, L, records.map((rec, i) => ({ seq: rec.seq, start: rec.start, duration: rec.duration, commitments: bytes.slice(i * K, (i + 1) * K) })), K, fromHex(prev, 32));
      for (let i = 0; i < records.length; i++) {
        const rec = records[i]!;
        const h = hashes.subarray(32 * i, 32 * i + 32);
        if (toHex(h) !== rec.hash) throw new ServiceError('records.chain', `record ${rec.seq} does not hash to its hash with the record before it and meter ${meter}'s layout`);
        if (!verifyDigest('meterproof/v1/record', key, h, fromHex(rec.signature, 64))) throw new ServiceError('records.signature', `record ${rec.seq} is not signed by meter ${meter}'s registered key`);
      }
      let points: Point[];
      try {
        points = pointsFromBytes(bytes);
      } catch (e) {
        if (e instanceof EncodingError) throw new ServiceError('encoding.point', 'a commitment is not a valid ristretto255 point', 422);
        throw e;
      }
      for (const h of held) {
        const rec = records[Number(h.seq) - first]!;
        if (rec.hash !== h.hash) {
          // Signed by the meter, yet not the record held for this seq: keep it, answer 409 after commit.
          evidence = new ServiceError('records.fork', `record ${rec.seq} differs from the record held for that seq: the batch is refused and kept as tamper evidence`);
          await q.query('INSERT INTO tamper_evidence (meter, reason, detail, batch, received) VALUES ($1, $2, $3, $4::jsonb, $5)', [
            meter,
            'records.fork',
            `seq ${rec.seq}: held ${h.hash}, pushed ${rec.hash}`,
            JSON.stringify({ records }),
            isoUtc(Math.floor(ctx.now() / 1000)),
          ]);
          return null;
        }
      }
      const fresh = records.filter((rec) => rec.seq >= next);
      // The decoded commitments, kept as affine coordinates for workers (migration 2).
      const affine = fresh.length > 0 ? toHex(backend().toAffineBytes(points.slice((fresh[0]!.seq - first) * K))) : '';
      const affineOf = (i: number) => affine.slice(i * K * 128, (i + 1) * K * 128);
      if (fresh.length > 0) {
        await q.query(
          `INSERT INTO records (meter, seq, start, duration, commitments, hash, signature, affine)
           SELECT $1, x.seq, x.start, x.duration, x.commitments, x.hash, x.signature, x.affine
             FROM jsonb_to_recordset($2::jsonb) AS x(seq bigint, start bigint, duration bigint, commitments jsonb, hash text, signature text, affine text)`,
          [meter, JSON.stringify(fresh.map((rec: LogRecord, i) => ({ seq: rec.seq, start: rec.start, duration: rec.duration, commitments: rec.commitments, hash: rec.hash, signature: rec.signature, affine: affineOf(i) })))],
        );
        await q.query('UPDATE meters SET next_seq = $2, last_hash = $3 WHERE meter = $1', [meter, fresh[fresh.length - 1]!.seq + 1, fresh[fresh.length - 1]!.hash]);
      }
      const perRecord: Point[][] = [];
      for (let i = 0; i < records.length; i++) perRecord.push(points.slice(i * K, (i + 1) * K));
      const nextNow = Math.max(next, first + records.length);
      const lastHash = fresh.length > 0 ? fresh[fresh.length - 1]!.hash : m.last_hash;
      return { appended: fresh.length, duplicate: records.length - fresh.length, head: { meter, next: nextNow, lastHash }, perRecord, first };
    });
    if (out === null) throw evidence!;
    ctx.points.put(meter, out.first, out.perRecord);
    ctx.metrics.recordsIngested.inc(out.appended);
    return { status: 200, body: { appended: out.appended, duplicate: out.duplicate, head: out.head } };
  });

  addRoute(app, ROUTES.recordsHead, authorize, async (r) => {
    const meter = param(r, 'meter', METER_ID_RE);
    const [m] = await ctx.db.query<MeterRow>('SELECT next_seq, last_hash FROM meters WHERE meter = $1', [meter]);
    if (!m) throw new ServiceError('meter.unknown', `no meter ${meter} is registered`);
    return { status: 200, body: { meter, next: Number(m.next_seq), lastHash: m.last_hash } };
  });

  addRoute<unknown, z.infer<typeof MeterRecordsQuery>>(app, ROUTES.meterRecords, authorize, async (r) => {
    const meter = param(r, 'meter', METER_ID_RE);
    const from = r.query.from ?? 0;
    const count = r.query.count ?? BATCH_MAX;
    const [m] = await ctx.db.query<MeterRow>('SELECT registration, next_seq, last_hash FROM meters WHERE meter = $1', [meter]);
    if (!m) throw new ServiceError('meter.unknown', `no meter ${meter} is registered`);
    const reg = json<MeterRegistration>(m.registration);
    const next = Number(m.next_seq);
    // Past the head: no records, and `prev` is the last hash held (what a record `next` would chain to).
    const prev = from >= next ? m.last_hash : await hashAt(ctx.db, meter, from - 1);
    if (prev === null) throw new ServiceError('internal', 'a held record is missing', 500);
    const rows = from >= next ? [] : await ctx.db.query<{ seq: string | number; start: string | number; duration: string | number; commitments: unknown; hash: string; signature: string }>(
      'SELECT seq, start, duration, commitments, hash, signature FROM records WHERE meter = $1 AND seq >= $2 AND seq < $3 ORDER BY seq',
      [meter, from, Math.min(next, from + count)],
    );
    const records = rows.map((x) => ({ seq: Number(x.seq), start: Number(x.start), duration: Number(x.duration), commitments: json<string[]>(x.commitments), hash: x.hash, signature: x.signature }));
    return { status: 200, body: { meter, layout: reg.layout, prev, records, next } };
  });
}

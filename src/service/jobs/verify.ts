/**
 * Verifying one stored bill: the job a worker runs. Idempotent: a bill already final is left alone, so
 * a job delivered twice or retried after a crash changes nothing.
 *
 *   1. load the bill, its meter's registration and the signed tariff it names;
 *   2. a compact bill is expanded from the held records, and verified with their decoded points
 *      (held input: no chain re-hash, no re-decode — those were checked as the records arrived);
 *   3. verifyBill, expecting the bill's account, meter and period;
 *   4. store the verdict and the signed receipt in one statement; the unique index on accepted
 *      (account, period) turns a race between two bills for one period into `bill.period_accepted`.
 */
import { fromHex } from '../../core/bytes.js';
import { parsePublicJwk } from '../../core/keys.js';
import { pointsFromBytes, type Point } from '../../core/point.js';
import { expandCompactBill, type CompactBill } from '../../bill/compact.js';
import type { Bill } from '../../bill/message.js';
import { verifyBill, type VerifyResult } from '../../bill/verify.js';
import type { MeterRegistration } from '../api.js';
import type { ServiceContext } from '../context.js';
import { makeReceipt } from '../receipts.js';
import { isUniqueViolation, type Sql } from '../store/db.js';
import { loadRun } from '../store/records.js';

const json = <T>(v: unknown): T => (typeof v === 'string' ? (JSON.parse(v) as T) : (v as T));

interface BillRow {
  id: string;
  account: string;
  meter: string;
  period: string;
  tariff: string;
  form: 'full' | 'compact';
  body: unknown;
  state: string;
}

/** The full bill of a stored row (compact ones expanded from held records), with held points if any. */
export async function fullBill(ctx: ServiceContext, q: Sql, row: Pick<BillRow, 'form' | 'body' | 'meter'>, registration: MeterRegistration): Promise<{ bill: Bill; points?: Point[] } | null> {
  const body = json<Bill | CompactBill>(row.body);
  if (row.form === 'full') return { bill: body as Bill };
  const c = body as CompactBill;
  const run = await loadRun(q, row.meter, c.records.firstSeq, c.records.count);
  if (run === null) return null;
  const bill = expandCompactBill(c, { ...run, layout: registration.layout });
  if (bill === null) return null;
  let points = ctx.points.get(row.meter, run.firstSeq, run.items.length);
  if (points === null) {
    const K = registration.layout.registers.length;
    const perRecord: Point[][] = [];
    const flat = pointsFromBytes(run.items.flatMap((it) => (it.slice(3) as string[]).map((h) => fromHex(h, 32))));
    for (let i = 0; i < run.items.length; i++) perRecord.push(flat.slice(i * K, (i + 1) * K));
    ctx.points.put(row.meter, run.firstSeq, perRecord);
    points = flat;
  }
  return { bill, points };
}

export async function verifyStoredBill(ctx: ServiceContext, id: string): Promise<void> {
  const { db } = ctx;
  const [row] = await db.query<BillRow>('SELECT id, account, meter, period, tariff, form, body, state FROM bills WHERE id = $1', [id]);
  if (!row || row.state !== 'queued') return;
  const started = performance.now();
  const [m] = await db.query<{ registration: unknown }>('SELECT registration FROM meters WHERE meter = $1', [row.meter]);
  const [t] = await db.query<{ signed: unknown }>('SELECT signed FROM tariffs WHERE digest = $1', [row.tariff]);
  let result: VerifyResult;
  if (!m || !t) {
    result = { ok: false, reason: 'internal', detail: 'the meter registration or the tariff is missing' };
  } else {
    const registration = json<MeterRegistration>(m.registration);
    let full: Awaited<ReturnType<typeof fullBill>>;
    try {
      full = await fullBill(ctx, db, row, registration);
    } catch {
      full = null; // an undecodable held commitment cannot happen: ingest decoded every one
    }
    result =
      full === null
        ? { ok: false, reason: 'records.mismatch', detail: 'the records the compact bill names are not held' }
        : verifyBill({
            bill: full.bill,
            signedTariff: json(t.signed),
            providerKey: ctx.providerPublic,
            meterKey: parsePublicJwk(registration.meterKey, 'meter'),
            expect: { account: row.account, meter: row.meter, period: row.period },
            ...(full.points ? { held: { points: full.points } } : {}),
          });
  }
  const seconds = (performance.now() - started) / 1000;
  const verdict = result.ok ? 'accepted' : 'rejected';
  await finish(ctx, row, result);
  ctx.metrics.verifySeconds.observe({ form: row.form, verdict }, seconds);
  ctx.metrics.billsVerified.inc({ verdict, reason: result.ok ? '' : result.reason });
}

async function finish(ctx: ServiceContext, row: BillRow, result: VerifyResult): Promise<void> {
  const store = (r: VerifyResult) => {
    const receipt = makeReceipt(
      {
        bill: row.id,
        account: row.account,
        meter: row.meter,
        period: row.period,
        verdict: r.ok ? 'accepted' : 'rejected',
        ...(r.ok ? { fee: r.fee, currency: r.currency, ...(r.amountDue !== undefined ? { amountDue: r.amountDue } : {}) } : { reason: r.reason }),
        timeMs: ctx.now(),
      },
      ctx.providerKey,
    );
    return ctx.db.query(
      "UPDATE bills SET state = $2, reason = $3, detail = $4, receipt = $5::jsonb WHERE id = $1 AND state = 'queued'",
      [row.id, r.ok ? 'accepted' : 'rejected', r.ok ? null : r.reason, r.ok ? null : r.detail, JSON.stringify(receipt)],
    );
  };
  try {
    await store(result);
  } catch (e) {
    if (!isUniqueViolation(e)) throw e;
    await store({ ok: false, reason: 'bill.period_accepted' as never, detail: `another bill for account ${row.account}, period ${row.period} was accepted first` });
  }
}

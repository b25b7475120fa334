/**
 * The life of a submitted bill, in one file.
 *
 *   POST /v1/bills { bill } | { compact }
 *     1. schema (strict: unknown fields refused);
 *     2. the account has meters, and the bill's meter is registered to it (account.unknown,
 *        account.mismatch);
 *     3. the period is one of the account's billing periods (bill.period_cycle): calendar months, or the
 *        registration's run of days, so consecutive bills leave no day out;
 *     4. the tariff it names is the one in force for that account and period (tariff.mismatch);
 *     5. a compact bill names a run the service holds (records.unknown) and is expanded; a full bill's
 *        last record, if held, is the one held (records.mismatch);
 *     6. id = SHA-256(JCS(full bill)): the same bill again is the same id, answered with its state;
 *     7. a different bill for an account and period already accepted: 409 bill.period_accepted;
 *     8. store the bill (state queued) and its job in one transaction, and only then answer 202.
 *   A worker verifies it (jobs/verify.ts) and stores the verdict with a provider-signed receipt.
 *   GET /v1/bills/{id} gives the state and receipt; GET /v1/bills/{id}/evidence the arbiter's bundle.
 */
import type { FastifyInstance } from 'fastify';
import type { z } from 'zod';
import { expandCompactBill } from '../../bill/compact.js';
import { ACCOUNT_ID_RE, type Bill } from '../../bill/message.js';
import { toHex, utf8 } from '../../core/bytes.js';
import { sha256 } from '../../core/hash.js';
import { canonicalJson } from '../../core/jcs.js';
import { publicJwk } from '../../core/keys.js';
import { isoUtc } from '../../core/time.js';
import { ROUTES, type BillingCycleSchema, type BillStatusResponse, type MeterRegistration, type SubmitBillRequest } from '../api.js';
import type { ServiceContext } from '../context.js';
import { ServiceError } from '../errors.js';
import { fullBill } from '../jobs/verify.js';
import { hashAt, loadRun } from '../store/records.js';
import { addRoute, json, param, type Authorize } from './route.js';
import { tariffInForce } from './tariffs.js';

/** The bill id: SHA-256 of the full bill's RFC 8785 JSON. */
export function billDigest(bill: Bill): string {
  return toHex(sha256(utf8(canonicalJson(bill))));
}

const DAY = 86_400_000;
const dateMs = (d: string) => Date.UTC(Number(d.slice(0, 4)), Number(d.slice(5, 7)) - 1, Number(d.slice(8, 10)));
const dateText = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** Whether `label` is one of the cycle's billing periods; the message says which are. */
export function periodFault(label: string, cycle: z.infer<typeof BillingCycleSchema>): string | null {
  if (cycle.kind === 'month') return /^\d{4}-\d{2}$/.test(label) ? null : `this account is billed by calendar month (YYYY-MM), not ${label}`;
  const m = /^(\d{4}-\d{2}-\d{2})\/(\d{4}-\d{2}-\d{2})$/.exec(label);
  const want = `runs of ${cycle.days} days from ${cycle.anchor}`;
  if (!m) return `this account is billed in ${want}, not ${label}`;
  const k = (dateMs(m[1]!) - dateMs(cycle.anchor)) / DAY;
  if (!Number.isInteger(k) || k < 0 || k % cycle.days !== 0) return `this account is billed in ${want}; ${m[1]} does not start one`;
  if (m[2] !== dateText(dateMs(m[1]!) + (cycle.days - 1) * DAY)) return `this account is billed in ${want}; the period starting ${m[1]} ends ${dateText(dateMs(m[1]!) + (cycle.days - 1) * DAY)}`;
  return null;
}

interface BillRow {
  id: string;
  account: string;
  meter: string;
  period: string;
  tariff: string;
  fee: string;
  currency: string;
  form: 'full' | 'compact';
  body: unknown;
  state: 'queued' | 'accepted' | 'rejected';
  reason: string | null;
  detail: string | null;
  receipt: unknown;
  submitted: string;
}

const COLS = 'id, account, meter, period, tariff, fee, currency, form, body, state, reason, detail, receipt, submitted';

function status(r: BillRow): z.infer<typeof BillStatusResponse> {
  return {
    id: r.id,
    state: r.state,
    account: r.account,
    meter: r.meter,
    period: r.period,
    fee: r.fee,
    currency: r.currency,
    submitted: r.submitted,
    ...(r.reason !== null ? { reason: r.reason } : {}),
    ...(r.detail !== null ? { detail: r.detail } : {}),
    ...(r.receipt !== null ? { receipt: json(r.receipt) } : {}),
  };
}

export function registerBillRoutes(app: FastifyInstance, ctx: ServiceContext, authorize: Authorize): void {
  addRoute<z.infer<typeof SubmitBillRequest>>(app, ROUTES.submitBill, authorize, async ({ body }) => {
    const submitted = 'bill' in body ? body.bill : body.compact;
    const { account, meter, period } = { account: submitted.account, meter: submitted.meter, period: submitted.period.label };
    const [has] = await ctx.db.query('SELECT 1 FROM meters WHERE account = $1 LIMIT 1', [account]);
    if (!has) throw new ServiceError('account.unknown', `no meter is registered to account ${account}`, 422);
    const [m] = await ctx.db.query<{ account: string; registration: unknown }>('SELECT account, registration FROM meters WHERE meter = $1', [meter]);
    if (!m || m.account !== account) throw new ServiceError('account.mismatch', `meter ${meter} is not registered to account ${account}`, 422);
    const reg = json<MeterRegistration>(m.registration);
    const cycleFault = periodFault(period, reg.cycle);
    if (cycleFault !== null) throw new ServiceError('bill.period_cycle', cycleFault);
    const terms = await tariffInForce(ctx.db, account, period);
    if (!terms || terms.digest !== submitted.tariff) {
      throw new ServiceError('tariff.mismatch', terms ? `the tariff in force for ${account} in ${period} is ${terms.digest}, not ${submitted.tariff}` : `no tariff is in force for ${account} in ${period}`, 422);
    }
    let full: Bill;
    if ('bill' in body) {
      full = body.bill;
      const r = full.records;
      const held = await hashAt(ctx.db, meter, r.firstSeq + r.count - 1);
      if (held !== null && held !== r.lastHash) throw new ServiceError('records.mismatch', `the bill's last record is not the record ${r.firstSeq + r.count - 1} the service holds for meter ${meter}`, 422);
    } else {
      const c = body.compact;
      const run = await loadRun(ctx.db, meter, c.records.firstSeq, c.records.count);
      const expanded = run === null ? null : expandCompactBill(c, { ...run, layout: reg.layout });
      if (expanded === null) throw new ServiceError('records.unknown', `the service does not hold records ${c.records.firstSeq} to ${c.records.firstSeq + c.records.count - 1} of meter ${meter} ending in hash ${c.records.lastHash.slice(0, 16)}…`);
      full = expanded;
    }
    const id = billDigest(full);
    const existing = async () => (await ctx.db.query<BillRow>(`SELECT ${COLS} FROM bills WHERE id = $1`, [id]))[0];
    const prior = await existing();
    if (prior) return { status: prior.state === 'queued' ? 202 : 200, body: { id, state: prior.state } };
    const [accepted] = await ctx.db.query<{ id: string }>("SELECT id FROM bills WHERE account = $1 AND period = $2 AND state = 'accepted'", [account, period]);
    if (accepted) throw new ServiceError('bill.period_accepted', `a bill for account ${account}, period ${period} was already accepted (${accepted.id})`);
    const t = ctx.now();
    const inserted = await ctx.db.tx(async (q) => {
      const ins = await q.query(
        `INSERT INTO bills (id, account, meter, period, tariff, fee, currency, form, body, state, submitted, submitted_ms)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb, 'queued', $10, $11) ON CONFLICT (id) DO NOTHING RETURNING id`,
        [id, account, meter, period, submitted.tariff, submitted.fee, submitted.currency, 'bill' in body ? 'full' : 'compact', JSON.stringify(submitted), isoUtc(Math.floor(t / 1000)), t],
      );
      if (ins.length === 1) await ctx.queue.enqueue(q, id);
      return ins.length === 1;
    });
    if (!inserted) {
      const now = await existing();
      return { status: now!.state === 'queued' ? 202 : 200, body: { id, state: now!.state } };
    }
    return { status: 202, body: { id, state: 'queued' } };
  });

  addRoute(app, ROUTES.billStatus, authorize, async (r) => {
    const id = param(r, 'id', /^[0-9a-f]{64}$/);
    const [row] = await ctx.db.query<BillRow>(`SELECT ${COLS} FROM bills WHERE id = $1`, [id]);
    if (!row) throw new ServiceError('bill.unknown', `no bill ${id}`);
    return { status: 200, body: status(row) };
  });

  addRoute(app, ROUTES.billEvidence, authorize, async (r) => {
    const id = param(r, 'id', /^[0-9a-f]{64}$/);
    const [row] = await ctx.db.query<BillRow>(`SELECT ${COLS} FROM bills WHERE id = $1`, [id]);
    if (!row) throw new ServiceError('bill.unknown', `no bill ${id}`);
    if (row.state === 'queued') throw new ServiceError('bill.not_final', `bill ${id} is still queued; evidence exists once it is final`);
    const [m] = await ctx.db.query<{ registration: unknown }>('SELECT registration FROM meters WHERE meter = $1', [row.meter]);
    const [t] = await ctx.db.query<{ signed: unknown }>('SELECT signed FROM tariffs WHERE digest = $1', [row.tariff]);
    const registration = json<MeterRegistration>(m!.registration);
    const full = await fullBill(ctx, ctx.db, row, registration);
    if (full === null) throw new ServiceError('internal', 'the held records of this bill are missing', 500);
    return {
      status: 200,
      body: { v: 1, type: 'meterproof/evidence', signedTariff: json(t!.signed), providerKey: publicJwk(ctx.providerPublic), registration, bill: full.bill, receipt: json(row.receipt) },
    };
  });

  addRoute(app, ROUTES.accountBills, authorize, async (r) => {
    const account = param(r, 'account', ACCOUNT_ID_RE);
    const rows = await ctx.db.query<BillRow>(`SELECT ${COLS} FROM bills WHERE account = $1 ORDER BY submitted_ms DESC LIMIT 1000`, [account]);
    return { status: 200, body: { bills: rows.map(status) } };
  });
}

/**
 * The provider's (or any arbiter's) side: check a payment message against the signed tariff, the
 * provider's key and the meter's key. Returns accept with the fee, or reject with a stable reason code.
 * It never throws, whatever the input.
 *
 * Order of checks, cheapest first, so hostile input is turned away before any group arithmetic:
 *   1. JSON and schema                         malformed.json, malformed.schema, unsupported.version
 *   2. tariff signature and digest             tariff.malformed, tariff.digest, tariff.signature, tariff.mismatch
 *   3. expectations (account, meter, period)   account.mismatch, meter.mismatch, period.mismatch, period.invalid
 *   4. revealed figures: canonical, |F| < 2^160 malformed.fee
 *   5. records: seq order, contiguity, period  records.*, period.coverage
 *   6. hash chain and the meter's signature    chain.hash, meter.signature
 *      the signed layout against the tariff    meter.unit, meter.registers
 *   7. commitments decode                      encoding.point
 *   8. the statement; line items add up        tariff.*, lineitems.*
 *   9. constraint proofs, then the Schnorr     encoding.scalar, proof.count, proof.range, proof.or,
 *      proofs of the revealed figures          proof.product, proof.linear
 *  10. the rounded amount due                  amount.rounding
 *
 * The amount due is checked last, after the proof of the fee: a fee edited with its amount due left alone
 * is a false fee (proof.linear), not a rounding slip.
 *
 * Every cost is fixed by public data: the tariff and the records (their number, times and commitments)
 * determine the statement, and with it the number, widths and sizes of the proofs and the generators
 * they need (`prepareBill` says how many, so an edge can load them first). Nothing a bill claims about
 * its own proofs can make verification do more work.
 *
 * Revealed figures are integers, not residues (docs/bounds.md): each is below 2^160 in size, and so is the
 * bound of the expression it is proven equal to, so the proof's congruence mod ℓ is an equality.
 */
import { isFigure } from '../core/bounds.js';
import { fromHex, toHex } from '../core/bytes.js';
import { MeterproofError } from '../core/errors.js';
import { G, H } from '../core/generators.js';
import { toPublicKey, type PublicJwk, type PublicKey, type Role } from '../core/keys.js';
import { pointsFromBytes, type Point } from '../core/point.js';
import { scalar } from '../core/scalar.js';
import { isoUtc } from '../core/time.js';
import { tariffLayoutFault } from '../meter/layout.js';
import { checkChain, checkContinuity } from '../meter/run.js';
import { batchSchnorr, decodeSchnorr, SCHNORR_PROOF_BYTES, verifySchnorr } from '../proofs/schnorr.js';
import { verifyRangeBatch } from '../proofs/rangeproof/index.js';
import { compileStatement, type CompiledItem } from '../tariff/compile.js';
import { exprPoint } from '../statement/expr.js';
import { deferredChecks, rangeGeneratorCount, verifyConstraints, type DeferredChecks } from '../statement/proof.js';
import { Statement } from '../statement/system.js';
import type { Tariff } from '../tariff/model.js';
import { formatDecimal, parseDecimal, roundAmount } from '../tariff/money.js';
import { parsePeriod, type BillingPeriod } from '../tariff/period.js';
import { checkSignedTariff } from '../tariff/signed.js';
import { provenClaims, topUp } from './claims.js';
import { BILL_VERSION, BillSchema, type Bill } from './message.js';
import { bindFigures, bindStatement } from './statement.js';

export type RejectReason =
  | 'malformed.json'
  | 'malformed.schema'
  | 'malformed.fee'
  | 'unsupported.version'
  | 'tariff.malformed'
  | 'tariff.digest'
  | 'tariff.signature'
  | 'tariff.mismatch'
  | 'tariff.period'
  | 'tariff.no_price'
  | 'tariff.unsupported'
  | 'account.mismatch'
  | 'meter.mismatch'
  | 'period.mismatch'
  | 'period.invalid'
  | 'period.coverage'
  | 'records.mismatch'
  | 'records.duplicate'
  | 'records.order'
  | 'records.gap'
  | 'records.overlap'
  | 'chain.hash'
  | 'meter.key'
  | 'meter.signature'
  | 'meter.unit'
  | 'meter.registers'
  | 'encoding.point'
  | 'encoding.scalar'
  | 'lineitems.mismatch'
  | 'lineitems.sum'
  | 'lineitems.constant'
  | 'amount.rounding'
  | 'proof.count'
  | 'proof.linear'
  | 'proof.range'
  | 'proof.or'
  | 'proof.product'
  | 'internal';

export interface Accepted {
  readonly ok: true;
  /** Exact total in currency units, `scale` decimals. */
  readonly fee: string;
  readonly currency: string;
  readonly amountDue?: string;
  readonly lineItems?: { component: string; fee: string }[];
  readonly subtotal?: string;
  /** Charges the tariff leaves out, which this bill therefore does not include. */
  readonly omitted?: string[];
  readonly account: string;
  readonly meter: string;
  readonly period: { label: string; start: number; end: number };
  readonly records: number;
  /** The unit the meter signed for its registers (the tariff's unit). */
  readonly unit: string;
  readonly tariff: { id: string; digest: string };
}

export interface Rejected {
  readonly ok: false;
  readonly reason: RejectReason;
  readonly detail: string;
}

export type VerifyResult = Accepted | Rejected;

export interface VerifyBillInput {
  /** The bill as JSON text or as an already-parsed value. */
  readonly bill: string | unknown;
  readonly signedTariff: unknown;
  /** The provider's public key: parsed, or its JWK as read from provider.pub.json. */
  readonly providerKey: PublicKey | PublicJwk;
  /** The registered meter's public key: parsed, or its JWK as read from meter.pub.json. */
  readonly meterKey: PublicKey | PublicJwk;
  /** What the verifier expects, when it knows (a provider billing account X, meter M, for month Y). */
  readonly expect?: { readonly account?: string; readonly meter?: string; readonly period?: string };
  /**
   * For a verifier that holds the bill's records (the provider service, which checked each record's
   * chain link, signature and commitment encoding when it arrived and filled the bill's records from
   * its store): their decoded commitments, record·K + register. The chain and signature checks and the
   * decoding are then skipped — they were done once, as the records arrived — and everything else is
   * checked as for any bill. Only a holder that built `records` from what it checked may pass this.
   */
  readonly held?: { readonly points: readonly Point[] };
}

class Reject extends Error {
  constructor(readonly reason: RejectReason, readonly detail: string) {
    super(detail);
  }
}

const fail = (reason: RejectReason, detail: string): never => {
  throw new Reject(reason, detail);
};

/**
 * Parses a revealed amount, insisting on the exact canonical text for the tariff's scale and on
 * |F| < 2^160 (docs/bounds.md): F and F ± ℓ must not both be expressible.
 */
function amount(text: string, scale: number, what: string): bigint {
  let v: bigint;
  try {
    v = parseDecimal(text, scale);
  } catch {
    return fail('malformed.fee', `${what} "${text}" is not an amount with ${scale} decimals`);
  }
  if (formatDecimal(v, scale) !== text) fail('malformed.fee', `${what} "${text}" is not written canonically (expected ${scale} decimals)`);
  if (!isFigure(v)) fail('malformed.fee', `${what} is out of range: a revealed amount is below 2^160 units of 10^-${scale} in size`);
  return v;
}

export function verifyBill(input: VerifyBillInput): VerifyResult {
  return guarded(() => complete(prepare(input)));
}

/** A bill whose cheap checks passed, with what its proofs will need. */
export interface PreparedBill {
  readonly ok: true;
  /** Generators of each range-proof vector the proofs need (0 for a linear tariff): derived from public data. */
  readonly rangeGenerators: number;
  /** Runs the rest of the verification (the proofs). */
  verify(): VerifyResult;
}

/**
 * The checks that need no proof (schema, tariff, expectations, records, chain, signature, commitments,
 * the statement), then stops: an edge that derives generators on worker threads or from a disk cache
 * learns how many the proofs will need, from the tariff and the records alone, before any work that
 * depends on them. Never throws.
 */
export function prepareBill(input: VerifyBillInput): PreparedBill | Rejected {
  let p: Prepared;
  try {
    p = prepare(input);
  } catch (e) {
    return rejection(e);
  }
  return { ok: true, rangeGenerators: rangeGeneratorCount(p.st), verify: () => guarded(() => complete(p)) };
}

/**
 * Verifies several bills at once: every check that batches (range proofs, OR and product proofs, the
 * Schnorr proofs of revealed figures) is collected across all bills and checked with one multi-scalar
 * multiplication per kind. If a batch fails, each bill is verified on its own, so every result is exact
 * and names its reason.
 */
export function verifyBills(inputs: readonly VerifyBillInput[]): VerifyResult[] {
  const deferred = deferredChecks();
  const results = inputs.map((input) => guarded(() => complete(prepare(input), deferred)));
  let ok: boolean;
  // Stryker disable all: a batch that is not checked, or checked as failed, falls back to verifying each bill alone, which gives the same results (only slower); the checks do not throw
  try {
    ok = verifyRangeBatch(deferred.range) && deferred.or.check() && deferred.product.check() && deferred.linear.check();
  } catch {
    ok = false;
  }
  // Stryker restore all
  // A bill rejected inside the batch is verified again on its own: with its proofs deferred, a later
  // check (the rounding of the amount due) would otherwise be blamed for a fee its proof does not support.
  return inputs.map((input, i) => (ok && results[i]!.ok ? results[i]! : verifyBill(input)));
}

/** Errors raised below the verifier (decoders, the tariff compiler) and the reasons they mean. */
const ERROR_REASONS: Record<string, RejectReason> = {
  'tariff.period': 'tariff.period',
  'tariff.no_price': 'tariff.no_price',
  'tariff.unsupported': 'tariff.unsupported',
  'tariff.demand_interval': 'tariff.unsupported',
  'tariff.register': 'malformed.schema',
  'statement.too_large': 'tariff.unsupported',
  'period.invalid': 'period.invalid',
  'period.coverage': 'period.coverage',
  'encoding.point': 'encoding.point',
  'encoding.scalar': 'encoding.scalar',
  'encoding.bytes': 'malformed.schema',
};

/** The rejection an error thrown during verification stands for. */
function rejection(e: unknown): Rejected {
  if (e instanceof Reject) return { ok: false, reason: e.reason, detail: e.detail };
  if (e instanceof MeterproofError) return { ok: false, reason: ERROR_REASONS[e.code] ?? 'internal', detail: e.message };
  // Should not happen; never let an exception (or its stack) escape verification.
  return { ok: false, reason: 'internal', detail: 'verification failed on unexpected input' };
}

function guarded(f: () => VerifyResult): VerifyResult {
  try {
    return f();
  } catch (e) {
    return rejection(e);
  }
}

function parseBill(raw: unknown): Bill {
  let json = raw;
  if (typeof raw === 'string') {
    try {
      json = JSON.parse(raw.replace(/^\uFEFF/, '')); // a byte-order mark is not a malformed bill
    } catch {
      fail('malformed.json', 'the bill is not valid JSON');
    }
  }
  if (typeof json === 'object' && json !== null && 'v' in json && (json as { v: unknown }).v !== BILL_VERSION) {
    const v = (json as { v: unknown }).v;
    const why = v === 1 ? ': version-1 bills predate signed record layouts and exact figures; prove the bill again' : '';
    fail('unsupported.version', `bill version ${JSON.stringify(v)} is not supported (this verifier reads version ${BILL_VERSION})${why}`);
  }
  const r = BillSchema.safeParse(json);
  if (!r.success) {
    const i = r.error.issues[0]!;
    fail('malformed.schema', `bill: ${i.path.join('.') || '(top)'}: ${i.message}`);
  }
  return r.data!;
}

/** Everything the checks before the proofs establish. */
interface Prepared {
  readonly bill: Bill;
  readonly input: VerifyBillInput & { providerKey: PublicKey; meterKey: PublicKey };
  readonly tariff: Tariff;
  readonly digest: Uint8Array;
  readonly period: BillingPeriod;
  readonly fee: bigint;
  readonly subtotal: bigint | undefined;
  readonly lineItems: readonly { component: string; fee: bigint }[];
  readonly compiled: CompiledItem[];
  readonly st: Statement;
  readonly recordPoint: (id: number) => Point;
}

/** Key files are accepted as read from disk; a wrong role or a secret key is a rejection that says why. */
function withKeys(input: VerifyBillInput): VerifyBillInput & { providerKey: PublicKey; meterKey: PublicKey } {
  const key = (k: unknown, role: Role, reason: RejectReason): PublicKey => {
    try {
      return toPublicKey(k, role);
    } catch (e) {
      return fail(reason, (e as Error).message);
    }
  };
  return { ...input, providerKey: key(input.providerKey, 'provider', 'tariff.signature'), meterKey: key(input.meterKey, 'meter', 'meter.key') };
}

function prepare(given: VerifyBillInput): Prepared {
  const bill = parseBill(given.bill);
  const input = withKeys(given);

  // 2. The tariff: signed by the provider, and the one the bill names.
  if (input.providerKey.role !== 'provider') fail('tariff.signature', `the provider key given is a ${input.providerKey.role} key`);
  const tc = checkSignedTariff(input.signedTariff, input.providerKey);
  if (!tc.ok) return fail(tc.reason, tc.detail);
  const tariff: Tariff = tc.tariff;
  if (toHex(tc.digest) !== bill.tariff) fail('tariff.mismatch', `the bill is for tariff ${bill.tariff.slice(0, 16)}…, not ${toHex(tc.digest).slice(0, 16)}… (${tariff.id})`);
  if (bill.tariffId !== tariff.id || bill.currency !== tariff.currency || bill.scale !== tariff.scale) {
    fail('tariff.mismatch', 'the bill\'s tariff id, currency or scale differ from the tariff');
  }

  // 3. Expectations and the period itself.
  if (input.expect?.account !== undefined && input.expect.account !== bill.account) {
    fail('account.mismatch', `the bill is for account ${bill.account}, not ${input.expect.account}`);
  }
  if (input.expect?.meter !== undefined && input.expect.meter !== bill.meter) {
    fail('meter.mismatch', `the bill is for meter ${bill.meter}, not ${input.expect.meter}`);
  }
  if (input.expect?.period !== undefined && input.expect.period !== bill.period.label) {
    fail('period.mismatch', `the bill is for period ${bill.period.label}, not ${input.expect.period}`);
  }
  const period = parsePeriod(bill.period.label, tariff.timezone);
  if (period.start !== bill.period.start || period.end !== bill.period.end) {
    fail('period.invalid', `the period ${bill.period.label} in ${tariff.timezone} is ${isoUtc(period.start)} to ${isoUtc(period.end)}, not what the bill says`);
  }

  // 4. Revealed figures.
  const fee = amount(bill.fee, tariff.scale, 'fee');

  // 5. Records: consecutive sequence numbers, each starting where the last ended, tiling the period.
  const recs = bill.records;
  const items = recs.items;
  if (recs.count !== items.length) fail('records.mismatch', `the bill says ${recs.count} records but carries ${items.length}`);
  if (items[0]![0] !== recs.firstSeq) fail('records.mismatch', `the first record is ${items[0]![0]}, not firstSeq ${recs.firstSeq}`);
  const broken = checkContinuity(items);
  if (broken) fail(broken.reason, broken.detail);
  for (const it of items) {
    if (it.length !== 3 + recs.registers) fail('malformed.schema', `record ${it[0]} has ${it.length - 3} commitments, not ${recs.registers}`);
  }
  const intervals = items.map(([, start, duration]) => ({ start, duration }));
  const first = intervals[0]!;
  const lastIv = intervals[intervals.length - 1]!;
  if (first.start !== period.start || lastIv.start + lastIv.duration !== period.end) {
    fail('period.coverage', `the records cover ${isoUtc(first.start)} to ${isoUtc(lastIv.start + lastIv.duration)}, not the period ${period.label}`);
  }

  // 6. Hash chain, then one signature on the last hash authenticates every record.
  if (input.meterKey.role !== 'meter') fail('meter.key', `the meter key given is a ${input.meterKey.role} key`);
  const held = input.held;
  let commitmentBytes: Uint8Array[][] = [];
  if (held === undefined) {
    const chain = checkChain({ meter: bill.meter, layout: recs.layout, items, prev: recs.prev, lastHash: recs.lastHash, lastSignature: recs.lastSignature }, input.meterKey.bytes);
    if ('reason' in chain) return fail(chain.reason, chain.detail);
    commitmentBytes = chain.commitments;
  } else if (held.points.length !== items.length * recs.registers) {
    fail('records.mismatch', `the verifier holds ${held.points.length} commitments for ${items.length} records of ${recs.registers} registers`);
  }

  // 6b. The layout the chain just authenticated (the meter signs it in every record) is what the tariff
  // prices: its unit, and its registers in order (a tariff naming none prices one register, import).
  const layoutFault = tariffLayoutFault(recs.layout, tariff, 'the meter');
  if (layoutFault) return fail(layoutFault.reason, layoutFault.detail);

  // 7. Decode commitments in one batch (each decoding validates the point); id = record·K + register.
  const points: readonly Point[] = held !== undefined ? held.points : pointsFromBytes(commitmentBytes.flat());
  const K = recs.registers;
  const recordPoint = (id: number): Point => points[id]!;

  // 8. The statement the tariff compiles to; the revealed figures must fit it.
  const st = new Statement(items.length, K);
  const compiled = compileStatement(tariff, period, intervals, st);
  const constantOf = (it: (typeof compiled)[number]) => (it.fee.terms.size === 0 ? it.fee.c : undefined);
  const hasMinimum = compiled.some((it) => it.minimum !== undefined);
  let lineItems: { component: string; fee: bigint }[] = [];
  let subtotal: bigint | undefined;
  if (tariff.itemised) {
    const li = bill.lineItems ?? [];
    if (li.length !== compiled.length || li.some((x, j) => x.component !== compiled[j]!.component)) {
      fail('lineitems.mismatch', 'the line items do not match the tariff\'s components');
    }
    lineItems = li.map((x) => ({ component: x.component, fee: amount(x.fee, tariff.scale, `line item "${x.component}"`) }));
    if (lineItems.reduce((s, x) => s + x.fee, 0n) !== fee) fail('lineitems.sum', 'the line items do not add up to the fee');
    const rest = lineItems.reduce((s, x, j) => (compiled[j]!.minimum === undefined ? s + x.fee : s), 0n);
    lineItems.forEach((x, j) => {
      const c = compiled[j]!;
      const want = c.minimum !== undefined ? topUp(compiled, rest) : constantOf(c);
      if (want !== undefined && x.fee !== want) {
        fail('lineitems.constant', `line item "${x.component}" must be ${formatDecimal(want, tariff.scale)}`);
      }
    });
  } else {
    if (bill.lineItems !== undefined) fail('lineitems.mismatch', 'the tariff is not itemised, but the bill has line items');
    if (hasMinimum) {
      if (bill.subtotal === undefined) fail('lineitems.mismatch', 'the tariff has a minimum charge, so the bill must reveal its subtotal');
      subtotal = amount(bill.subtotal!, tariff.scale, 'subtotal');
      if (subtotal + topUp(compiled, subtotal) !== fee) fail('lineitems.sum', 'the fee is not the subtotal topped up to the minimum charge');
    }
  }
  if (!hasMinimum || tariff.itemised) {
    if (bill.subtotal !== undefined) fail('lineitems.mismatch', 'the bill has a subtotal, but the tariff has no minimum charge (or is itemised)');
  }
  if (JSON.stringify(bill.omitted ?? []) !== JSON.stringify(tariff.omitted ?? [])) {
    fail('tariff.mismatch', 'the bill\'s list of omitted charges differs from the tariff\'s');
  }
  return { bill, input, tariff, digest: tc.digest, period, fee, subtotal, lineItems, compiled, st, recordPoint };
}

/** With `deferred`, the batchable checks are collected there instead of run: the caller checks them. */
function complete(p: Prepared, deferred?: DeferredChecks): VerifyResult {
  const { bill, input, tariff, period, fee, subtotal, lineItems, compiled, st, recordPoint } = p;
  const recs = bill.records;

  // 9. The constraints (range, OR, product proofs), then the revealed figures.
  const statement = {
    tariffDigest: p.digest,
    meter: bill.meter,
    meterKey: input.meterKey.bytes,
    account: bill.account,
    period: { label: period.label, start: period.start, end: period.end },
    currency: tariff.currency,
    scale: tariff.scale,
    firstSeq: recs.firstSeq,
    count: recs.count,
    registers: recs.registers,
    prev: fromHex(recs.prev, 32),
    lastHash: fromHex(recs.lastHash, 32),
    fee,
    subtotal, // bindFigures absorbs it only when there is one (a minimum-charge tariff)
    lineItems,
  };
  const t = bindStatement(statement);
  let pointOf = recordPoint;
  // Every range, OR and product constraint the tariff compiler emits involves an auxiliary variable (tier
  // fills, maxima, net splits, powers; a polynomial's reading ranges come with its powers), so today
  // auxCount > 0 alone decides; the other counts keep the test right for a gadget without one.
  // Stryker disable next-line ConditionalExpression,LogicalOperator: equivalent while every constraint comes with an auxiliary variable (above); the EqualityOperator mutants stay
  const needsConstraints = st.auxCount > 0 || st.ranges.length > 0 || st.ors.length > 0 || st.products.length > 0;
  const pr = bill.proof;
  if (needsConstraints) {
    if (pr.aux === undefined || pr.range === undefined || pr.or === undefined || pr.product === undefined) {
      fail('proof.count', 'this tariff needs range, OR and product proofs, and the bill lacks them');
    }
    const v = verifyConstraints(st, t, recordPoint, { aux: pr.aux!, range: pr.range!, or: pr.or!, product: pr.product! }, deferred);
    if (!v.ok) return fail(v.reason, v.detail);
    pointOf = v.pointOf;
  } else if (pr.aux !== undefined || pr.range !== undefined || pr.or !== undefined || pr.product !== undefined) {
    fail('proof.count', 'the bill carries proofs this tariff does not need');
  }

  bindFigures(t, statement);
  const claims = provenClaims(compiled, tariff.itemised);
  if (pr.linear.length !== claims.length) fail('proof.count', `expected ${claims.length} linear proofs, got ${pr.linear.length}`);
  claims.forEach((claim, j) => {
    const claimed = tariff.itemised ? lineItems.find((x) => x.component === claim.component)!.fee : (subtotal ?? fee);
    const shift = scalar(claimed);
    const C = exprPoint(claim.fee, pointOf);
    // Stryker disable next-line ConditionalExpression: subtracting 0·G gives the same point; the shortcut saves a multiplication
    const P = shift === 0n ? C : C.subtract(G.multiplyUnsafe(shift));
    let proof;
    try {
      proof = decodeSchnorr(fromHex(pr.linear[j]!, SCHNORR_PROOF_BYTES));
    } catch (e) {
      return fail(e instanceof MeterproofError && e.code === 'encoding.point' ? 'encoding.point' : 'encoding.scalar', `linear proof ${j}: ${e instanceof Error ? e.message : 'bad encoding'}`);
    }
    t.appendString('claim', claim.component);
    // Stryker disable next-line ConditionalExpression: checking a batched bill's proof at once instead of deferring it gives the same verdicts
    if (deferred) batchSchnorr(deferred.linear, t, H, P, proof);
    else if (!verifySchnorr(t, H, P, proof)) {
      fail('proof.linear', `the proof for ${tariff.itemised ? `"${claim.component}"` : 'the fee'} does not verify: the fee is not the tariff applied to these records`);
    }
  });

  // 10. The amount due, rounded by the tariff's public rule from the proven fee.
  if (tariff.rounding) {
    const due = formatDecimal(roundAmount(fee, tariff.scale, tariff.rounding.decimals, tariff.rounding.mode), tariff.rounding.decimals);
    // Stryker disable next-line ConditionalExpression: a missing amount due also differs from the rounded one below (same reason, another message)
    if (bill.amountDue === undefined) fail('amount.rounding', `the bill has no amount due; by the tariff's rounding rule it is ${due}`);
    if (bill.amountDue !== due) fail('amount.rounding', `the amount due is ${due} by the tariff's rounding rule, not ${bill.amountDue}`);
  } else if (bill.amountDue !== undefined) {
    fail('amount.rounding', 'the tariff has no rounding rule, but the bill has an amount due');
  }

  return {
    ok: true,
    fee: bill.fee,
    currency: tariff.currency,
    ...(bill.amountDue !== undefined ? { amountDue: bill.amountDue } : {}),
    ...(tariff.itemised ? { lineItems: lineItems.map((x) => ({ component: x.component, fee: formatDecimal(x.fee, tariff.scale) })) } : {}),
    ...(bill.subtotal !== undefined ? { subtotal: bill.subtotal } : {}),
    ...(tariff.omitted?.length ? { omitted: [...tariff.omitted] } : {}),
    account: bill.account,
    meter: bill.meter,
    period: { label: period.label, start: period.start, end: period.end },
    records: recs.count,
    unit: recs.layout.unit,
    tariff: { id: tariff.id, digest: bill.tariff },
  };
}

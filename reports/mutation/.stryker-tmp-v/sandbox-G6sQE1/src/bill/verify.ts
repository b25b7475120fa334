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
// @ts-nocheck
function stryNS_9fa48() {
  var g = typeof globalThis === 'object' && globalThis && globalThis.Math === Math && globalThis || new Function("return this")();
  var ns = g.__stryker__ || (g.__stryker__ = {});
  if (ns.activeMutant === undefined && g.process && g.process.env && g.process.env.__STRYKER_ACTIVE_MUTANT__) {
    ns.activeMutant = g.process.env.__STRYKER_ACTIVE_MUTANT__;
  }
  function retrieveNS() {
    return ns;
  }
  stryNS_9fa48 = retrieveNS;
  return retrieveNS();
}
stryNS_9fa48();
function stryCov_9fa48() {
  var ns = stryNS_9fa48();
  var cov = ns.mutantCoverage || (ns.mutantCoverage = {
    static: {},
    perTest: {}
  });
  function cover() {
    var c = cov.static;
    if (ns.currentTestId) {
      c = cov.perTest[ns.currentTestId] = cov.perTest[ns.currentTestId] || {};
    }
    var a = arguments;
    for (var i = 0; i < a.length; i++) {
      c[a[i]] = (c[a[i]] || 0) + 1;
    }
  }
  stryCov_9fa48 = cover;
  cover.apply(null, arguments);
}
function stryMutAct_9fa48(id) {
  var ns = stryNS_9fa48();
  function isActive(id) {
    if (ns.activeMutant === id) {
      if (ns.hitCount !== void 0 && ++ns.hitCount > ns.hitLimit) {
        throw new Error('Stryker: Hit count limit reached (' + ns.hitCount + ')');
      }
      return true;
    }
    return false;
  }
  stryMutAct_9fa48 = isActive;
  return isActive(id);
}
import { isFigure } from '../core/bounds.js';
import { fromHex, toHex } from '../core/bytes.js';
import { MeterproofError } from '../core/errors.js';
import { G, H } from '../core/generators.js';
import type { PublicKey } from '../core/keys.js';
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
export type RejectReason = 'malformed.json' | 'malformed.schema' | 'malformed.fee' | 'unsupported.version' | 'tariff.malformed' | 'tariff.digest' | 'tariff.signature' | 'tariff.mismatch' | 'tariff.period' | 'tariff.no_price' | 'tariff.unsupported' | 'account.mismatch' | 'meter.mismatch' | 'period.mismatch' | 'period.invalid' | 'period.coverage' | 'records.mismatch' | 'records.duplicate' | 'records.order' | 'records.gap' | 'records.overlap' | 'chain.hash' | 'meter.key' | 'meter.signature' | 'meter.unit' | 'meter.registers' | 'encoding.point' | 'encoding.scalar' | 'lineitems.mismatch' | 'lineitems.sum' | 'lineitems.constant' | 'amount.rounding' | 'proof.count' | 'proof.linear' | 'proof.range' | 'proof.or' | 'proof.product' | 'internal';
export interface Accepted {
  readonly ok: true;
  /** Exact total in currency units, `scale` decimals. */
  readonly fee: string;
  readonly currency: string;
  readonly amountDue?: string;
  readonly lineItems?: {
    component: string;
    fee: string;
  }[];
  readonly subtotal?: string;
  /** Charges the tariff leaves out, which this bill therefore does not include. */
  readonly omitted?: string[];
  readonly account: string;
  readonly meter: string;
  readonly period: {
    label: string;
    start: number;
    end: number;
  };
  readonly records: number;
  /** The unit the meter signed for its registers (the tariff's unit). */
  readonly unit: string;
  readonly tariff: {
    id: string;
    digest: string;
  };
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
  readonly providerKey: PublicKey;
  readonly meterKey: PublicKey;
  /** What the verifier expects, when it knows (a provider billing account X, meter M, for month Y). */
  readonly expect?: {
    readonly account?: string;
    readonly meter?: string;
    readonly period?: string;
  };
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
  if (stryMutAct_9fa48("0")) {
    {}
  } else {
    stryCov_9fa48("0");
    let v: bigint;
    try {
      if (stryMutAct_9fa48("1")) {
        {}
      } else {
        stryCov_9fa48("1");
        v = parseDecimal(text, scale);
      }
    } catch {
      if (stryMutAct_9fa48("2")) {
        {}
      } else {
        stryCov_9fa48("2");
        return fail('malformed.fee', `${what} "${text}" is not an amount with ${scale} decimals`);
      }
    }
    if (stryMutAct_9fa48("7") ? formatDecimal(v, scale) === text : stryMutAct_9fa48("6") ? false : stryMutAct_9fa48("5") ? true : (stryCov_9fa48("5", "6", "7"), formatDecimal(v, scale) !== text)) fail('malformed.fee', `${what} "${text}" is not written canonically (expected ${scale} decimals)`);
    if (stryMutAct_9fa48("12") ? false : stryMutAct_9fa48("11") ? true : stryMutAct_9fa48("10") ? isFigure(v) : (stryCov_9fa48("10", "11", "12"), !isFigure(v))) fail('malformed.fee', `${what} is out of range: a revealed amount is below 2^160 units of 10^-${scale} in size`);
    return v;
  }
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
  return {
    ok: true,
    rangeGenerators: rangeGeneratorCount(p.st),
    verify: () => guarded(() => complete(p))
  };
}

/**
 * Verifies several bills at once: every check that batches (range proofs, OR and product proofs, the
 * Schnorr proofs of revealed figures) is collected across all bills and checked with one multi-scalar
 * multiplication per kind. If a batch fails, each bill is verified on its own, so every result is exact
 * and names its reason.
 */
export function verifyBills(inputs: readonly VerifyBillInput[]): VerifyResult[] {
  if (stryMutAct_9fa48("15")) {
    {}
  } else {
    stryCov_9fa48("15");
    const deferred = deferredChecks();
    const results = inputs.map(stryMutAct_9fa48("16") ? () => undefined : (stryCov_9fa48("16"), input => guarded(stryMutAct_9fa48("17") ? () => undefined : (stryCov_9fa48("17"), () => complete(prepare(input), deferred)))));
    let ok: boolean;
    try {
      if (stryMutAct_9fa48("18")) {
        {}
      } else {
        stryCov_9fa48("18");
        ok = stryMutAct_9fa48("21") ? verifyRangeBatch(deferred.range) && deferred.or.check() && deferred.product.check() || deferred.linear.check() : stryMutAct_9fa48("20") ? false : stryMutAct_9fa48("19") ? true : (stryCov_9fa48("19", "20", "21"), (stryMutAct_9fa48("23") ? verifyRangeBatch(deferred.range) && deferred.or.check() || deferred.product.check() : stryMutAct_9fa48("22") ? true : (stryCov_9fa48("22", "23"), (stryMutAct_9fa48("25") ? verifyRangeBatch(deferred.range) || deferred.or.check() : stryMutAct_9fa48("24") ? true : (stryCov_9fa48("24", "25"), verifyRangeBatch(deferred.range) && deferred.or.check())) && deferred.product.check())) && deferred.linear.check());
      }
    } catch {
      if (stryMutAct_9fa48("26")) {
        {}
      } else {
        stryCov_9fa48("26");
        ok = stryMutAct_9fa48("27") ? true : (stryCov_9fa48("27"), false);
      }
    }
    return ok ? results : inputs.map(stryMutAct_9fa48("28") ? () => undefined : (stryCov_9fa48("28"), (input, i) => results[i]!.ok ? verifyBill(input) : results[i]!));
  }
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
  'encoding.bytes': 'malformed.schema'
};

/** The rejection an error thrown during verification stands for. */
function rejection(e: unknown): Rejected {
  if (e instanceof Reject) return {
    ok: false,
    reason: e.reason,
    detail: e.detail
  };
  if (e instanceof MeterproofError) return {
    ok: false,
    reason: ERROR_REASONS[e.code] ?? 'internal',
    detail: e.message
  };
  // Should not happen; never let an exception (or its stack) escape verification.
  return {
    ok: false,
    reason: 'internal',
    detail: 'verification failed on unexpected input'
  };
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
      json = JSON.parse(raw);
    } catch {
      fail('malformed.json', 'the bill is not valid JSON');
    }
  }
  if (typeof json === 'object' && json !== null && 'v' in json && (json as {
    v: unknown;
  }).v !== BILL_VERSION) {
    const v = (json as {
      v: unknown;
    }).v;
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
  readonly input: VerifyBillInput;
  readonly tariff: Tariff;
  readonly digest: Uint8Array;
  readonly period: BillingPeriod;
  readonly fee: bigint;
  readonly subtotal: bigint | undefined;
  readonly lineItems: readonly {
    component: string;
    fee: bigint;
  }[];
  readonly compiled: CompiledItem[];
  readonly st: Statement;
  readonly recordPoint: (id: number) => Point;
}
function prepare(input: VerifyBillInput): Prepared {
  const bill = parseBill(input.bill);

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
  const intervals = items.map(([, start, duration]) => ({
    start,
    duration
  }));
  const first = intervals[0]!;
  const lastIv = intervals[intervals.length - 1]!;
  if (first.start !== period.start || lastIv.start + lastIv.duration !== period.end) {
    fail('period.coverage', `the records cover ${isoUtc(first.start)} to ${isoUtc(lastIv.start + lastIv.duration)}, not the period ${period.label}`);
  }

  // 6. Hash chain, then one signature on the last hash authenticates every record.
  if (input.meterKey.role !== 'meter') fail('meter.key', `the meter key given is a ${input.meterKey.role} key`);
  const chain = checkChain({
    meter: bill.meter,
    layout: recs.layout,
    items,
    prev: recs.prev,
    lastHash: recs.lastHash,
    lastSignature: recs.lastSignature
  }, input.meterKey.bytes);
  if ('reason' in chain) return fail(chain.reason, chain.detail);
  const commitmentBytes = chain.commitments;

  // 6b. The layout the chain just authenticated (the meter signs it in every record) is what the tariff
  // prices: its unit, and its registers in order (a tariff naming none prices one register, import).
  const layoutFault = tariffLayoutFault(recs.layout, tariff, 'the meter');
  if (layoutFault) return fail(layoutFault.reason, layoutFault.detail);

  // 7. Decode commitments in one batch (each decoding validates the point); id = record·K + register.
  const points: Point[] = pointsFromBytes(commitmentBytes.flat());
  const K = recs.registers;
  const recordPoint = (id: number): Point => points[id]!;

  // 8. The statement the tariff compiles to; the revealed figures must fit it.
  const st = new Statement(items.length, K);
  const compiled = compileStatement(tariff, period, intervals, st);
  const constantOf = stryMutAct_9fa48("29") ? () => undefined : (stryCov_9fa48("29"), (() => {
    const constantOf = (it: (typeof compiled)[number]) => (stryMutAct_9fa48("32") ? it.fee.terms.size !== 0 : stryMutAct_9fa48("31") ? false : stryMutAct_9fa48("30") ? true : (stryCov_9fa48("30", "31", "32"), it.fee.terms.size === 0)) ? it.fee.c : undefined;
    return constantOf;
  })());
  const hasMinimum = stryMutAct_9fa48("33") ? compiled.every(it => it.minimum !== undefined) : (stryCov_9fa48("33"), compiled.some(stryMutAct_9fa48("34") ? () => undefined : (stryCov_9fa48("34"), it => stryMutAct_9fa48("37") ? it.minimum === undefined : stryMutAct_9fa48("36") ? false : stryMutAct_9fa48("35") ? true : (stryCov_9fa48("35", "36", "37"), it.minimum !== undefined))));
  let lineItems: {
    component: string;
    fee: bigint;
  }[] = stryMutAct_9fa48("38") ? ["Stryker was here"] : (stryCov_9fa48("38"), []);
  let subtotal: bigint | undefined;
  if (stryMutAct_9fa48("40") ? false : stryMutAct_9fa48("39") ? true : (stryCov_9fa48("39", "40"), tariff.itemised)) {
    if (stryMutAct_9fa48("41")) {
      {}
    } else {
      stryCov_9fa48("41");
      const li = stryMutAct_9fa48("42") ? bill.lineItems && [] : (stryCov_9fa48("42"), bill.lineItems ?? (stryMutAct_9fa48("43") ? ["Stryker was here"] : (stryCov_9fa48("43"), [])));
      if (stryMutAct_9fa48("46") ? li.length !== compiled.length && li.some((x, j) => x.component !== compiled[j]!.component) : stryMutAct_9fa48("45") ? false : stryMutAct_9fa48("44") ? true : (stryCov_9fa48("44", "45", "46"), (stryMutAct_9fa48("48") ? li.length === compiled.length : stryMutAct_9fa48("47") ? false : (stryCov_9fa48("47", "48"), li.length !== compiled.length)) || (stryMutAct_9fa48("49") ? li.every((x, j) => x.component !== compiled[j]!.component) : (stryCov_9fa48("49"), li.some(stryMutAct_9fa48("50") ? () => undefined : (stryCov_9fa48("50"), (x, j) => stryMutAct_9fa48("53") ? x.component === compiled[j]!.component : stryMutAct_9fa48("52") ? false : stryMutAct_9fa48("51") ? true : (stryCov_9fa48("51", "52", "53"), x.component !== compiled[j]!.component))))))) {
        if (stryMutAct_9fa48("54")) {
          {}
        } else {
          stryCov_9fa48("54");
          fail('lineitems.mismatch', 'the line items do not match the tariff\'s components');
        }
      }
      lineItems = li.map(stryMutAct_9fa48("57") ? () => undefined : (stryCov_9fa48("57"), x => stryMutAct_9fa48("58") ? {} : (stryCov_9fa48("58"), {
        component: x.component,
        fee: amount(x.fee, tariff.scale, `line item "${x.component}"`)
      })));
      if (stryMutAct_9fa48("62") ? lineItems.reduce((s, x) => s + x.fee, 0n) === fee : stryMutAct_9fa48("61") ? false : stryMutAct_9fa48("60") ? true : (stryCov_9fa48("60", "61", "62"), lineItems.reduce(stryMutAct_9fa48("63") ? () => undefined : (stryCov_9fa48("63"), (s, x) => stryMutAct_9fa48("64") ? s - x.fee : (stryCov_9fa48("64"), s + x.fee)), 0n) !== fee)) fail('lineitems.sum', 'the line items do not add up to the fee');
      const rest = lineItems.reduce(stryMutAct_9fa48("67") ? () => undefined : (stryCov_9fa48("67"), (s, x, j) => (stryMutAct_9fa48("70") ? compiled[j]!.minimum !== undefined : stryMutAct_9fa48("69") ? false : stryMutAct_9fa48("68") ? true : (stryCov_9fa48("68", "69", "70"), compiled[j]!.minimum === undefined)) ? stryMutAct_9fa48("71") ? s - x.fee : (stryCov_9fa48("71"), s + x.fee) : s), 0n);
      lineItems.forEach((x, j) => {
        if (stryMutAct_9fa48("72")) {
          {}
        } else {
          stryCov_9fa48("72");
          const c = compiled[j]!;
          const want = (stryMutAct_9fa48("75") ? c.minimum === undefined : stryMutAct_9fa48("74") ? false : stryMutAct_9fa48("73") ? true : (stryCov_9fa48("73", "74", "75"), c.minimum !== undefined)) ? topUp(compiled, rest) : constantOf(c);
          if (stryMutAct_9fa48("78") ? want !== undefined || x.fee !== want : stryMutAct_9fa48("77") ? false : stryMutAct_9fa48("76") ? true : (stryCov_9fa48("76", "77", "78"), (stryMutAct_9fa48("80") ? want === undefined : stryMutAct_9fa48("79") ? true : (stryCov_9fa48("79", "80"), want !== undefined)) && (stryMutAct_9fa48("82") ? x.fee === want : stryMutAct_9fa48("81") ? true : (stryCov_9fa48("81", "82"), x.fee !== want)))) {
            if (stryMutAct_9fa48("83")) {
              {}
            } else {
              stryCov_9fa48("83");
              fail('lineitems.constant', `line item "${x.component}" must be ${formatDecimal(want, tariff.scale)}`);
            }
          }
        }
      });
    }
  } else {
    if (stryMutAct_9fa48("86")) {
      {}
    } else {
      stryCov_9fa48("86");
      if (stryMutAct_9fa48("89") ? bill.lineItems === undefined : stryMutAct_9fa48("88") ? false : stryMutAct_9fa48("87") ? true : (stryCov_9fa48("87", "88", "89"), bill.lineItems !== undefined)) fail('lineitems.mismatch', 'the tariff is not itemised, but the bill has line items');
      if (stryMutAct_9fa48("93") ? false : stryMutAct_9fa48("92") ? true : (stryCov_9fa48("92", "93"), hasMinimum)) {
        if (stryMutAct_9fa48("94")) {
          {}
        } else {
          stryCov_9fa48("94");
          if (stryMutAct_9fa48("97") ? bill.subtotal !== undefined : stryMutAct_9fa48("96") ? false : stryMutAct_9fa48("95") ? true : (stryCov_9fa48("95", "96", "97"), bill.subtotal === undefined)) fail('lineitems.mismatch', 'the tariff has a minimum charge, so the bill must reveal its subtotal');
          subtotal = amount(bill.subtotal!, tariff.scale, 'subtotal');
          if (stryMutAct_9fa48("103") ? subtotal + topUp(compiled, subtotal) === fee : stryMutAct_9fa48("102") ? false : stryMutAct_9fa48("101") ? true : (stryCov_9fa48("101", "102", "103"), (stryMutAct_9fa48("104") ? subtotal - topUp(compiled, subtotal) : (stryCov_9fa48("104"), subtotal + topUp(compiled, subtotal))) !== fee)) fail('lineitems.sum', 'the fee is not the subtotal topped up to the minimum charge');
        }
      }
    }
  }
  if (stryMutAct_9fa48("109") ? !hasMinimum && tariff.itemised : stryMutAct_9fa48("108") ? false : stryMutAct_9fa48("107") ? true : (stryCov_9fa48("107", "108", "109"), (stryMutAct_9fa48("110") ? hasMinimum : (stryCov_9fa48("110"), !hasMinimum)) || tariff.itemised)) {
    if (stryMutAct_9fa48("111")) {
      {}
    } else {
      stryCov_9fa48("111");
      if (stryMutAct_9fa48("114") ? bill.subtotal === undefined : stryMutAct_9fa48("113") ? false : stryMutAct_9fa48("112") ? true : (stryCov_9fa48("112", "113", "114"), bill.subtotal !== undefined)) fail('lineitems.mismatch', 'the bill has a subtotal, but the tariff has no minimum charge (or is itemised)');
    }
  }
  if (stryMutAct_9fa48("119") ? JSON.stringify(bill.omitted ?? []) === JSON.stringify(tariff.omitted ?? []) : stryMutAct_9fa48("118") ? false : stryMutAct_9fa48("117") ? true : (stryCov_9fa48("117", "118", "119"), JSON.stringify(stryMutAct_9fa48("120") ? bill.omitted && [] : (stryCov_9fa48("120"), bill.omitted ?? (stryMutAct_9fa48("121") ? ["Stryker was here"] : (stryCov_9fa48("121"), [])))) !== JSON.stringify(stryMutAct_9fa48("122") ? tariff.omitted && [] : (stryCov_9fa48("122"), tariff.omitted ?? (stryMutAct_9fa48("123") ? ["Stryker was here"] : (stryCov_9fa48("123"), [])))))) {
    if (stryMutAct_9fa48("124")) {
      {}
    } else {
      stryCov_9fa48("124");
      fail('tariff.mismatch', 'the bill\'s list of omitted charges differs from the tariff\'s');
    }
  }
  return {
    bill,
    input,
    tariff,
    digest: tc.digest,
    period,
    fee,
    subtotal,
    lineItems,
    compiled,
    st,
    recordPoint
  };
}

/** With `deferred`, the batchable checks are collected there instead of run: the caller checks them. */
function complete(p: Prepared, deferred?: DeferredChecks): VerifyResult {
  if (stryMutAct_9fa48("127")) {
    {}
  } else {
    stryCov_9fa48("127");
    const {
      bill,
      input,
      tariff,
      period,
      fee,
      subtotal,
      lineItems,
      compiled,
      st,
      recordPoint
    } = p;
    const recs = bill.records;

    // 9. The constraints (range, OR, product proofs), then the revealed figures.
    const statement = stryMutAct_9fa48("128") ? {} : (stryCov_9fa48("128"), {
      tariffDigest: p.digest,
      meter: bill.meter,
      meterKey: input.meterKey.bytes,
      account: bill.account,
      period: stryMutAct_9fa48("129") ? {} : (stryCov_9fa48("129"), {
        label: period.label,
        start: period.start,
        end: period.end
      }),
      currency: tariff.currency,
      scale: tariff.scale,
      firstSeq: recs.firstSeq,
      count: recs.count,
      registers: recs.registers,
      prev: fromHex(recs.prev, 32),
      lastHash: fromHex(recs.lastHash, 32),
      fee,
      ...((stryMutAct_9fa48("132") ? subtotal === undefined : stryMutAct_9fa48("131") ? false : stryMutAct_9fa48("130") ? true : (stryCov_9fa48("130", "131", "132"), subtotal !== undefined)) ? stryMutAct_9fa48("133") ? {} : (stryCov_9fa48("133"), {
        subtotal
      }) : {}),
      lineItems
    });
    const t = bindStatement(statement);
    let pointOf = recordPoint;
    const needsConstraints = stryMutAct_9fa48("136") ? (st.auxCount > 0 || st.ranges.length > 0 || st.ors.length > 0) && st.products.length > 0 : stryMutAct_9fa48("135") ? false : stryMutAct_9fa48("134") ? true : (stryCov_9fa48("134", "135", "136"), (stryMutAct_9fa48("138") ? (st.auxCount > 0 || st.ranges.length > 0) && st.ors.length > 0 : stryMutAct_9fa48("137") ? false : (stryCov_9fa48("137", "138"), (stryMutAct_9fa48("140") ? st.auxCount > 0 && st.ranges.length > 0 : stryMutAct_9fa48("139") ? false : (stryCov_9fa48("139", "140"), (stryMutAct_9fa48("143") ? st.auxCount <= 0 : stryMutAct_9fa48("142") ? st.auxCount >= 0 : stryMutAct_9fa48("141") ? false : (stryCov_9fa48("141", "142", "143"), st.auxCount > 0)) || (stryMutAct_9fa48("146") ? st.ranges.length <= 0 : stryMutAct_9fa48("145") ? st.ranges.length >= 0 : stryMutAct_9fa48("144") ? false : (stryCov_9fa48("144", "145", "146"), st.ranges.length > 0)))) || (stryMutAct_9fa48("149") ? st.ors.length <= 0 : stryMutAct_9fa48("148") ? st.ors.length >= 0 : stryMutAct_9fa48("147") ? false : (stryCov_9fa48("147", "148", "149"), st.ors.length > 0)))) || (stryMutAct_9fa48("152") ? st.products.length <= 0 : stryMutAct_9fa48("151") ? st.products.length >= 0 : stryMutAct_9fa48("150") ? false : (stryCov_9fa48("150", "151", "152"), st.products.length > 0)));
    const pr = bill.proof;
    if (stryMutAct_9fa48("154") ? false : stryMutAct_9fa48("153") ? true : (stryCov_9fa48("153", "154"), needsConstraints)) {
      if (stryMutAct_9fa48("155")) {
        {}
      } else {
        stryCov_9fa48("155");
        if (stryMutAct_9fa48("158") ? (pr.aux === undefined || pr.range === undefined || pr.or === undefined) && pr.product === undefined : stryMutAct_9fa48("157") ? false : stryMutAct_9fa48("156") ? true : (stryCov_9fa48("156", "157", "158"), (stryMutAct_9fa48("160") ? (pr.aux === undefined || pr.range === undefined) && pr.or === undefined : stryMutAct_9fa48("159") ? false : (stryCov_9fa48("159", "160"), (stryMutAct_9fa48("162") ? pr.aux === undefined && pr.range === undefined : stryMutAct_9fa48("161") ? false : (stryCov_9fa48("161", "162"), (stryMutAct_9fa48("164") ? pr.aux !== undefined : stryMutAct_9fa48("163") ? false : (stryCov_9fa48("163", "164"), pr.aux === undefined)) || (stryMutAct_9fa48("166") ? pr.range !== undefined : stryMutAct_9fa48("165") ? false : (stryCov_9fa48("165", "166"), pr.range === undefined)))) || (stryMutAct_9fa48("168") ? pr.or !== undefined : stryMutAct_9fa48("167") ? false : (stryCov_9fa48("167", "168"), pr.or === undefined)))) || (stryMutAct_9fa48("170") ? pr.product !== undefined : stryMutAct_9fa48("169") ? false : (stryCov_9fa48("169", "170"), pr.product === undefined)))) {
          if (stryMutAct_9fa48("171")) {
            {}
          } else {
            stryCov_9fa48("171");
            fail('proof.count', 'this tariff needs range, OR and product proofs, and the bill lacks them');
          }
        }
        const v = verifyConstraints(st, t, recordPoint, stryMutAct_9fa48("174") ? {} : (stryCov_9fa48("174"), {
          aux: pr.aux!,
          range: pr.range!,
          or: pr.or!,
          product: pr.product!
        }), deferred);
        if (stryMutAct_9fa48("177") ? false : stryMutAct_9fa48("176") ? true : stryMutAct_9fa48("175") ? v.ok : (stryCov_9fa48("175", "176", "177"), !v.ok)) return fail(v.reason, v.detail);
        pointOf = v.pointOf;
      }
    } else if (stryMutAct_9fa48("180") ? (pr.aux !== undefined || pr.range !== undefined || pr.or !== undefined) && pr.product !== undefined : stryMutAct_9fa48("179") ? false : stryMutAct_9fa48("178") ? true : (stryCov_9fa48("178", "179", "180"), (stryMutAct_9fa48("182") ? (pr.aux !== undefined || pr.range !== undefined) && pr.or !== undefined : stryMutAct_9fa48("181") ? false : (stryCov_9fa48("181", "182"), (stryMutAct_9fa48("184") ? pr.aux !== undefined && pr.range !== undefined : stryMutAct_9fa48("183") ? false : (stryCov_9fa48("183", "184"), (stryMutAct_9fa48("186") ? pr.aux === undefined : stryMutAct_9fa48("185") ? false : (stryCov_9fa48("185", "186"), pr.aux !== undefined)) || (stryMutAct_9fa48("188") ? pr.range === undefined : stryMutAct_9fa48("187") ? false : (stryCov_9fa48("187", "188"), pr.range !== undefined)))) || (stryMutAct_9fa48("190") ? pr.or === undefined : stryMutAct_9fa48("189") ? false : (stryCov_9fa48("189", "190"), pr.or !== undefined)))) || (stryMutAct_9fa48("192") ? pr.product === undefined : stryMutAct_9fa48("191") ? false : (stryCov_9fa48("191", "192"), pr.product !== undefined)))) {
      if (stryMutAct_9fa48("193")) {
        {}
      } else {
        stryCov_9fa48("193");
        fail('proof.count', 'the bill carries proofs this tariff does not need');
      }
    }
    bindFigures(t, statement);
    const claims = provenClaims(compiled, tariff.itemised);
    if (stryMutAct_9fa48("198") ? pr.linear.length === claims.length : stryMutAct_9fa48("197") ? false : stryMutAct_9fa48("196") ? true : (stryCov_9fa48("196", "197", "198"), pr.linear.length !== claims.length)) fail('proof.count', `expected ${claims.length} linear proofs, got ${pr.linear.length}`);
    claims.forEach((claim, j) => {
      if (stryMutAct_9fa48("201")) {
        {}
      } else {
        stryCov_9fa48("201");
        const claimed = tariff.itemised ? lineItems.find(stryMutAct_9fa48("202") ? () => undefined : (stryCov_9fa48("202"), x => stryMutAct_9fa48("205") ? x.component !== claim.component : stryMutAct_9fa48("204") ? false : stryMutAct_9fa48("203") ? true : (stryCov_9fa48("203", "204", "205"), x.component === claim.component)))!.fee : stryMutAct_9fa48("206") ? subtotal && fee : (stryCov_9fa48("206"), subtotal ?? fee);
        const shift = scalar(claimed);
        const C = exprPoint(claim.fee, pointOf);
        const P = (stryMutAct_9fa48("209") ? shift !== 0n : stryMutAct_9fa48("208") ? false : stryMutAct_9fa48("207") ? true : (stryCov_9fa48("207", "208", "209"), shift === 0n)) ? C : C.subtract(G.multiplyUnsafe(shift));
        let proof;
        try {
          if (stryMutAct_9fa48("210")) {
            {}
          } else {
            stryCov_9fa48("210");
            proof = decodeSchnorr(fromHex(pr.linear[j]!, SCHNORR_PROOF_BYTES));
          }
        } catch (e) {
          if (stryMutAct_9fa48("211")) {
            {}
          } else {
            stryCov_9fa48("211");
            return fail((stryMutAct_9fa48("214") ? e instanceof MeterproofError || e.code === 'encoding.point' : stryMutAct_9fa48("213") ? false : stryMutAct_9fa48("212") ? true : (stryCov_9fa48("212", "213", "214"), e instanceof MeterproofError && (stryMutAct_9fa48("216") ? e.code !== 'encoding.point' : stryMutAct_9fa48("215") ? true : (stryCov_9fa48("215", "216"), e.code === 'encoding.point')))) ? 'encoding.point' : 'encoding.scalar', `linear proof ${j}: ${e instanceof Error ? e.message : 'bad encoding'}`);
          }
        }
        t.appendString('claim', claim.component);
        if (stryMutAct_9fa48("224") ? false : stryMutAct_9fa48("223") ? true : (stryCov_9fa48("223", "224"), deferred)) batchSchnorr(deferred.linear, t, H, P, proof);else if (stryMutAct_9fa48("227") ? false : stryMutAct_9fa48("226") ? true : stryMutAct_9fa48("225") ? verifySchnorr(t, H, P, proof) : (stryCov_9fa48("225", "226", "227"), !verifySchnorr(t, H, P, proof))) {
          if (stryMutAct_9fa48("228")) {
            {}
          } else {
            stryCov_9fa48("228");
            fail('proof.linear', `the proof for ${tariff.itemised ? `"${claim.component}"` : 'the fee'} does not verify: the fee is not the tariff applied to these records`);
          }
        }
      }
    });

    // 10. The amount due, rounded by the tariff's public rule from the proven fee.
    if (stryMutAct_9fa48("234") ? false : stryMutAct_9fa48("233") ? true : (stryCov_9fa48("233", "234"), tariff.rounding)) {
      if (stryMutAct_9fa48("235")) {
        {}
      } else {
        stryCov_9fa48("235");
        const due = formatDecimal(roundAmount(fee, tariff.scale, tariff.rounding.decimals, tariff.rounding.mode), tariff.rounding.decimals);
        if (stryMutAct_9fa48("238") ? bill.amountDue !== undefined : stryMutAct_9fa48("237") ? false : stryMutAct_9fa48("236") ? true : (stryCov_9fa48("236", "237", "238"), bill.amountDue === undefined)) fail('amount.rounding', `the bill has no amount due; by the tariff's rounding rule it is ${due}`);
        if (stryMutAct_9fa48("243") ? bill.amountDue === due : stryMutAct_9fa48("242") ? false : stryMutAct_9fa48("241") ? true : (stryCov_9fa48("241", "242", "243"), bill.amountDue !== due)) fail('amount.rounding', `the amount due is ${due} by the tariff's rounding rule, not ${bill.amountDue}`);
      }
    } else if (stryMutAct_9fa48("248") ? bill.amountDue === undefined : stryMutAct_9fa48("247") ? false : stryMutAct_9fa48("246") ? true : (stryCov_9fa48("246", "247", "248"), bill.amountDue !== undefined)) {
      if (stryMutAct_9fa48("249")) {
        {}
      } else {
        stryCov_9fa48("249");
        fail('amount.rounding', 'the tariff has no rounding rule, but the bill has an amount due');
      }
    }
    return stryMutAct_9fa48("252") ? {} : (stryCov_9fa48("252"), {
      ok: stryMutAct_9fa48("253") ? false : (stryCov_9fa48("253"), true),
      fee: bill.fee,
      currency: tariff.currency,
      ...((stryMutAct_9fa48("256") ? bill.amountDue === undefined : stryMutAct_9fa48("255") ? false : stryMutAct_9fa48("254") ? true : (stryCov_9fa48("254", "255", "256"), bill.amountDue !== undefined)) ? stryMutAct_9fa48("257") ? {} : (stryCov_9fa48("257"), {
        amountDue: bill.amountDue
      }) : {}),
      ...(tariff.itemised ? stryMutAct_9fa48("258") ? {} : (stryCov_9fa48("258"), {
        lineItems: lineItems.map(stryMutAct_9fa48("259") ? () => undefined : (stryCov_9fa48("259"), x => stryMutAct_9fa48("260") ? {} : (stryCov_9fa48("260"), {
          component: x.component,
          fee: formatDecimal(x.fee, tariff.scale)
        })))
      }) : {}),
      ...((stryMutAct_9fa48("263") ? bill.subtotal === undefined : stryMutAct_9fa48("262") ? false : stryMutAct_9fa48("261") ? true : (stryCov_9fa48("261", "262", "263"), bill.subtotal !== undefined)) ? stryMutAct_9fa48("264") ? {} : (stryCov_9fa48("264"), {
        subtotal: bill.subtotal
      }) : {}),
      ...((stryMutAct_9fa48("265") ? tariff.omitted.length : (stryCov_9fa48("265"), tariff.omitted?.length)) ? stryMutAct_9fa48("266") ? {} : (stryCov_9fa48("266"), {
        omitted: stryMutAct_9fa48("267") ? [] : (stryCov_9fa48("267"), [...tariff.omitted])
      }) : {}),
      account: bill.account,
      meter: bill.meter,
      period: stryMutAct_9fa48("268") ? {} : (stryCov_9fa48("268"), {
        label: period.label,
        start: period.start,
        end: period.end
      }),
      records: recs.count,
      unit: recs.layout.unit,
      tariff: stryMutAct_9fa48("269") ? {} : (stryCov_9fa48("269"), {
        id: tariff.id,
        digest: bill.tariff
      })
    });
  }
}
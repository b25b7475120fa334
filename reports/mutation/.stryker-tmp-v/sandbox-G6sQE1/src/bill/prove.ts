/**
 * The user's side: from the signed tariff, the meter's public log and the user's private file, compute
 * the fee of a billing period and prove it. The readings and openings never leave this function except
 * as the revealed fee(s) and zero-knowledge proofs.
 */
// @ts-nocheck

import { fromHex, toHex } from '../core/bytes.js';
import { MeterproofError } from '../core/errors.js';
import { H } from '../core/generators.js';
import type { PublicKey } from '../core/keys.js';
import { mul as mulPoint, pointFromBytes } from '../core/point.js';
import type { Rng } from '../core/rng.js';
import { tariffLayoutFault } from '../meter/layout.js';
import { parseLogFile, parsePrivateFile, type LogFile, type LogRecord } from '../meter/log.js';
import { runWitness } from '../meter/witness.js';
import { encodeSchnorr, proveSchnorr } from '../proofs/schnorr.js';
import { compileStatement } from '../tariff/compile.js';
import { Statement } from '../statement/system.js';
import { proveConstraints, type RangeJob } from '../statement/proof.js';
import { formatDecimal, roundAmount } from '../tariff/money.js';
import { parsePeriod } from '../tariff/period.js';
import { checkCoverage } from '../tariff/rates.js';
import { parseTariff, SignedTariffSchema, tariffDigest } from '../tariff/signed.js';
import { provenClaims, topUp } from './claims.js';
import { ACCOUNT_ID_RE, BILL_VERSION, type Bill } from './message.js';
import { bindFigures, bindStatement } from './statement.js';

export interface ProveBillInput {
  readonly signedTariff: unknown;
  readonly log: unknown;
  readonly priv: unknown;
  /** The meter's public key, bound into the proof; by default the one the log names. */
  readonly meterKey?: PublicKey;
  readonly account: string;
  /** "YYYY-MM" or "YYYY-MM-DD/YYYY-MM-DD", in the tariff's time zone. */
  readonly period: string;
  readonly rng?: Rng;
  /**
   * Test-only: tampers with the compiled statement's witness and proves without checking it, to show
   * that the verifier rejects a dishonest prover. Never set in real use.
   */
  readonly dishonest?: (st: Statement) => void;
  /**
   * Test-only: replaces the revealed figures before they are bound and proven (an adaptive forgery whose
   * transcript is consistent, e.g. a subtotal of S − ℓ). Never set in real use.
   */
  readonly dishonestFigures?: (f: Figures) => Figures;
  /** Called now and then during long proofs (range, OR and product proofs), for progress bars. */
  readonly onProgress?: (done: number, total: number) => void;
}

/** The figures a bill reveals, in 10^-scale units. */
export interface Figures {
  readonly fee: bigint;
  readonly subtotal?: bigint;
  readonly lineItems: readonly { component: string; fee: bigint }[];
}

export interface ProvenBill {
  readonly bill: Bill;
  /** Total fee in 10^-scale units, for callers that want the number. */
  readonly fee: bigint;
}

function parseOrThrow<T>(schema: { safeParse(x: unknown): { success: true; data: T } | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } } }, x: unknown, what: string): T {
  const r = schema.safeParse(x);
  if (!r.success) {
    const i = r.error.issues[0]!;
    throw new MeterproofError('input.invalid', `${what}: ${i.path.join('.') || '(top)'}: ${i.message}`);
  }
  return r.data;
}

/** The run of log records that tiles the period exactly, with the hash before it. */
function selectRun(log: LogFile, start: number, end: number): { run: LogRecord[]; prev: Uint8Array } {
  const i0 = log.records.findIndex((r) => r.start >= start);
  const run: LogRecord[] = [];
  for (let i = Math.max(i0, 0); i0 >= 0 && i < log.records.length && log.records[i]!.start < end; i++) run.push(log.records[i]!);
  const prev = i0 <= 0 ? fromHex(log.prev) : fromHex(log.records[i0 - 1]!.hash);
  return { run, prev };
}

export function proveBill(input: ProveBillInput): ProvenBill {
  const { bill, fee } = proveBillParts(input, false);
  return { bill, fee };
}

/**
 * The same, with the aggregated range proofs (most of the work for non-linear tariffs) made by
 * `runRangeJobs`, which may run them in parallel: in worker threads, say (see src/node/range-pool.ts).
 * The jobs are independent and carry everything they need.
 */
export async function proveBillAsync(input: ProveBillInput, runRangeJobs: (jobs: RangeJob[]) => Promise<string[]>): Promise<ProvenBill> {
  const { bill, fee, rangeJobs } = proveBillParts(input, true);
  if (rangeJobs.length > 0) {
    const range = await runRangeJobs(rangeJobs);
    if (range.length !== rangeJobs.length) throw new MeterproofError('prove.internal', 'the range prover returned the wrong number of proofs');
    bill.proof.range = range;
  }
  return { bill, fee };
}

function proveBillParts(input: ProveBillInput, deferRange: boolean): ProvenBill & { rangeJobs: RangeJob[] } {
  const signed = parseOrThrow(SignedTariffSchema, input.signedTariff, 'signed tariff');
  const tariff = parseTariff(signed.tariff);
  const digest = tariffDigest(signed.tariff);
  const log = parseLogFile(input.log);
  const priv = parsePrivateFile(input.priv);
  if (!ACCOUNT_ID_RE.test(input.account)) throw new MeterproofError('input.invalid', 'account: use letters, digits and . _ : @ - (1 to 128 characters)');
  if (priv.meter !== log.meter) throw new MeterproofError('input.invalid', `the private file is for meter ${priv.meter}, the log for meter ${log.meter}`);
  // The verifier checks the same against the layout the records sign (meter.unit, meter.registers): a bill
  // of metres at a price per Wh, or of export priced as import, is refused here first, by name.
  const layoutFault = tariffLayoutFault(log, tariff, 'the meter log');
  if (layoutFault) throw new MeterproofError('input.invalid', layoutFault.detail);
  if (input.meterKey && input.meterKey.role !== 'meter') throw new MeterproofError('key.invalid', `the meter key is a ${input.meterKey.role} key`);
  if (input.meterKey && toHex(input.meterKey.bytes) !== log.meterKey) throw new MeterproofError('input.invalid', 'the meter key given is not the key this log names');

  const period = parsePeriod(input.period, tariff.timezone);
  const { run, prev } = selectRun(log, period.start, period.end);
  checkCoverage(period, run);

  // The run must be the signed one and the private file must open it: otherwise the provider would only reject the bill.
  const K = log.registers.length;
  const witness = runWitness(log, run, prev, priv);
  const st = new Statement(run.length, K, witness);
  const items = compileStatement(tariff, period, run, st);
  input.dishonest?.(st);
  const priced = items.filter((it) => it.minimum === undefined);
  const subtotal = priced.reduce((s, it) => s + st.value(it.fee), 0n);
  const top = topUp(items, subtotal);
  const hasMinimum = items.some((it) => it.minimum !== undefined);
  const honest: Figures = {
    fee: subtotal + top,
    ...(hasMinimum && !tariff.itemised ? { subtotal } : {}),
    lineItems: tariff.itemised ? items.map((it) => ({ component: it.component, fee: it.minimum !== undefined ? top : st.value(it.fee) })) : [],
  };
  const figures = input.dishonestFigures ? input.dishonestFigures(honest) : honest;

  const last = run[run.length - 1]!;
  const statement = {
    tariffDigest: digest,
    meter: log.meter,
    meterKey: fromHex(log.meterKey),
    account: input.account,
    period: { label: period.label, start: period.start, end: period.end },
    currency: tariff.currency,
    scale: tariff.scale,
    firstSeq: run[0]!.seq,
    count: run.length,
    registers: K,
    prev,
    lastHash: fromHex(last.hash),
    ...figures,
  };
  const t = bindStatement(statement, input.rng);
  const needsConstraints = st.auxCount > 0 || st.ranges.length > 0 || st.ors.length > 0 || st.products.length > 0;
  const recordPoint = (id: number) => pointFromBytes(fromHex(run[Math.floor(id / K)]!.commitments[id % K]!));
  const constraints = needsConstraints
    ? proveConstraints(st, t, recordPoint, {
        unchecked: input.dishonest !== undefined,
        deferRange,
        ...(input.onProgress ? { onProgress: input.onProgress } : {}),
      })
    : undefined;
  const { rangeJobs = [], ...constraintProofs } = constraints ?? {};
  bindFigures(t, statement);
  const proofs = provenClaims(items, tariff.itemised).map((claim) => {
    // Com(e) − F·G = ρ·H with ρ the blinding of e: prove knowledge of ρ.
    const rho = st.blinding(claim.fee);
    t.appendString('claim', claim.component);
    return toHex(encodeSchnorr(proveSchnorr(t, H, mulPoint(H, rho), rho)));
  });

  const bill: Bill = {
    v: BILL_VERSION,
    type: 'meterproof/bill',
    tariff: toHex(digest),
    tariffId: tariff.id,
    meter: log.meter,
    account: input.account,
    period: statement.period,
    currency: tariff.currency,
    scale: tariff.scale,
    fee: formatDecimal(figures.fee, tariff.scale),
    ...(figures.subtotal !== undefined ? { subtotal: formatDecimal(figures.subtotal, tariff.scale) } : {}),
    ...(tariff.omitted?.length ? { omitted: [...tariff.omitted] } : {}),
    ...(tariff.rounding ? { amountDue: formatDecimal(roundAmount(figures.fee, tariff.scale, tariff.rounding.decimals, tariff.rounding.mode), tariff.rounding.decimals) } : {}),
    ...(tariff.itemised ? { lineItems: figures.lineItems.map((li) => ({ component: li.component, fee: formatDecimal(li.fee, tariff.scale) })) } : {}),
    records: {
      firstSeq: run[0]!.seq,
      count: run.length,
      prev: toHex(prev),
      lastHash: last.hash,
      lastSignature: last.signature,
      registers: K,
      layout: { unit: log.unit, registers: [...log.registers] },
      items: run.map((r) => [r.seq, r.start, r.duration, ...r.commitments] as [number, number, number, ...string[]]),
    },
    proof: { linear: proofs, ...(constraints ? constraintProofs : {}) },
  };
  return { bill, fee: figures.fee, rangeJobs };
}

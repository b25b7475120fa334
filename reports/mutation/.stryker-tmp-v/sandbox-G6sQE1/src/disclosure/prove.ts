/**
 * The user's side of a disclosure: from a query the user consents to, the meter's public log and the
 * user's private file, answer each fact and prove every answer in zero knowledge. Readings and openings
 * never leave this function except as the answers themselves and zero-knowledge proofs.
 */
// @ts-nocheck

import { fromHex, toHex } from '../core/bytes.js';
import { MeterproofError } from '../core/errors.js';
import { H } from '../core/generators.js';
import type { PublicKey, SecretKey } from '../core/keys.js';
import { mul as mulPoint, pointFromBytes, type Point } from '../core/point.js';
import type { Rng } from '../core/rng.js';
import { neg } from '../core/scalar.js';
import { queryLayoutFault } from '../meter/layout.js';
import { parseLogFile, parsePrivateFile, type LogRecord } from '../meter/log.js';
import { runWitness } from '../meter/witness.js';
import { encodeOneOf, ONEOF_MAX_BRANCHES, proveOneOf } from '../proofs/oneof.js';
import { encodeSchnorr, proveSchnorr } from '../proofs/schnorr.js';
import { exprPoint } from '../statement/expr.js';
import { proveConstraints } from '../statement/proof.js';
import { Statement } from '../statement/system.js';
import { consentDigest, parseUtc, signConsent, type ConsentTerms } from './consent.js';
import { DISCLOSURE_TYPE, DISCLOSURE_VERSION, type Disclosure } from './message.js';
import { expandQuery, parseQuery, queryDigest } from './query.js';
import { bindDisclosure, constrain, factExpr, factSpan, oneOfTranscript, RecordIndex, type Answer } from './statement.js';

export interface ProveDisclosureInput {
  /** The query document (see query.ts). */
  readonly query: unknown;
  /** Recipient, purpose and expiry the user consents to. */
  readonly terms: ConsentTerms;
  readonly log: unknown;
  readonly priv: unknown;
  /** The user's secret key: it signs the consent. */
  readonly userKey: SecretKey;
  /** The meter's public key, bound into the proof; by default the one the log names. */
  readonly meterKey?: PublicKey;
  /** Unix seconds; by default now. The consent's `issued` unless the terms say otherwise. */
  readonly now?: number;
  readonly rng?: Rng;
  /** Called now and then during the range proofs, for progress bars. */
  readonly onProgress?: (done: number, total: number) => void;
  /**
   * Test-only: replaces the answers and proves without checking them, to show that the verifier rejects
   * a dishonest prover. Never set in real use.
   */
  readonly dishonest?: (answers: Answer[]) => Answer[];
}

export interface ProvenDisclosure {
  readonly disclosure: Disclosure;
  /** One per fact: an integer, or a boolean for a threshold. */
  readonly answers: readonly Answer[];
}

/** Index errors on the user's own log are input errors: the log lacks what the query asks about. */
function onLog<T>(f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof MeterproofError && e.code === 'records.missing') throw new MeterproofError('query.records', `the meter log cannot answer the query: ${e.message}`);
    throw e;
  }
}

export function proveDisclosure(input: ProveDisclosureInput): ProvenDisclosure {
  const query = parseQuery(input.query);
  const log = parseLogFile(input.log);
  const priv = parsePrivateFile(input.priv);
  if (input.userKey.role !== 'user') throw new MeterproofError('key.invalid', `a disclosure is made with a user key, not a ${input.userKey.role} key`);
  if (priv.meter !== log.meter) throw new MeterproofError('input.invalid', `the private file is for meter ${priv.meter}, the log for meter ${log.meter}`);
  if (query.meter !== log.meter) throw new MeterproofError('input.invalid', `the query is about meter ${query.meter}, the log is meter ${log.meter}'s`);
  // The verifier checks the same against the layout the records sign (meter.registers).
  const layoutFault = queryLayoutFault(log, query, 'the meter log');
  if (layoutFault) throw new MeterproofError('input.invalid', layoutFault.detail);
  if (input.meterKey && input.meterKey.role !== 'meter') throw new MeterproofError('key.invalid', `the meter key is a ${input.meterKey.role} key`);
  if (input.meterKey && toHex(input.meterKey.bytes) !== log.meterKey) throw new MeterproofError('input.invalid', 'the meter key given is not the key this log names');
  const now = input.now ?? Math.floor(Date.now() / 1000);
  const expires = parseUtc(input.terms.expires);
  if (expires === undefined) throw new MeterproofError('consent.invalid', `expires "${input.terms.expires}": use a UTC time such as 2024-05-01T12:00:00Z`);
  if (expires <= now) throw new MeterproofError('consent.invalid', `the consent would expire (${input.terms.expires}) before it is given`);

  // The run of records the facts touch, from the lowest to the highest.
  const facts = expandQuery(query);
  const whole = new RecordIndex(log.records);
  let lo = Infinity;
  let hi = -Infinity;
  for (const f of facts) {
    const [a, b] = onLog(() => factSpan(f, whole));
    lo = Math.min(lo, a);
    hi = Math.max(hi, b);
  }
  const run: LogRecord[] = log.records.slice(lo, hi + 1);
  const prev = lo === 0 ? fromHex(log.prev) : fromHex(log.records[lo - 1]!.hash);

  // The run must be the signed one and the private file must open it: otherwise the recipient would only reject it.
  const K = log.registers.length;
  const witness = runWitness(log, run, prev, priv);
  const st = new Statement(run.length, K, witness);
  const index = new RecordIndex(run);
  const fx = facts.map((f) => factExpr(f, index, st));
  let answers: Answer[] = fx.map((f) => {
    switch (f.kind) {
      case 'value':
        return st.value(f.e);
      case 'threshold':
        return st.value(f.e) >= f.threshold;
      case 'max':
        return f.xs.reduce((m, x) => {
          const v = st.value(x);
          return v > m ? v : m;
        }, 0n);
    }
  });
  if (input.dishonest) answers = input.dishonest([...answers]);

  const { consent, signature } = signConsent(query, input.terms, input.userKey, now);
  const claims = constrain(st, fx, answers);
  const last = run[run.length - 1]!;
  const t = bindDisclosure(
    {
      consentDigest: consentDigest(consent),
      userKey: input.userKey.bytes,
      meter: log.meter,
      meterKey: fromHex(log.meterKey),
      queryDigest: queryDigest(query),
      firstSeq: run[0]!.seq,
      count: run.length,
      registers: K,
      prev,
      lastHash: fromHex(last.hash),
      answers,
    },
    input.rng,
  );

  const points = new Map<number, Point>();
  const recordPoint = (id: number): Point => {
    let p = points.get(id);
    if (!p) points.set(id, (p = pointFromBytes(fromHex(run[Math.floor(id / K)]!.commitments[id % K]!))));
    return p;
  };
  const unchecked = input.dishonest !== undefined;
  const constraints = proveConstraints(st, t, recordPoint, {
    unchecked,
    ...(input.onProgress ? { onProgress: input.onProgress } : {}),
  });

  // Each maximum D is attained: one of P_i = D·G − C_i is (−r_i)·H. The witness is the record holding D.
  const oneof = claims.maxima.map((m) => {
    if (m.xs.length > ONEOF_MAX_BRANCHES) throw new MeterproofError('query.invalid', `fact ${m.fact} is a maximum over ${m.xs.length} records: at most ${ONEOF_MAX_BRANCHES}`);
    const DG = exprPoint({ c: m.D, terms: new Map() }, recordPoint);
    const P = m.xs.map((x) => DG.subtract(exprPoint(x, recordPoint)));
    let which = m.xs.findIndex((x) => st.value(x) === m.D);
    if (which < 0 && !unchecked) throw new MeterproofError('statement.unsatisfied', `the maximum of fact ${m.fact} is not attained`);
    if (which < 0) which = 0;
    return toHex(encodeOneOf(proveOneOf(oneOfTranscript(t, m.fact), P, which, neg(st.blinding(m.xs[which]!)))));
  });

  // Each revealed integer F: Com(e) − F·G = ρ·H, a Schnorr proof of knowledge of ρ.
  const linear = claims.linear.map((c) => {
    if (!unchecked && st.value(c.e) !== c.value) throw new MeterproofError('statement.unsatisfied', `fact ${c.fact} does not have its answer`);
    const rho = st.blinding(c.e);
    t.appendU64('fact', c.fact);
    return toHex(encodeSchnorr(proveSchnorr(t, H, mulPoint(H, rho), rho)));
  });

  const disclosure: Disclosure = {
    v: DISCLOSURE_VERSION,
    type: DISCLOSURE_TYPE,
    consent,
    consentSignature: signature,
    query,
    records: {
      firstSeq: run[0]!.seq,
      prev: toHex(prev),
      layout: { unit: log.unit, registers: [...log.registers] },
      items: run.map((r) => [r.seq, r.start, r.duration, ...r.commitments] as [number, number, number, ...string[]]),
      lastHash: last.hash,
      lastSignature: last.signature,
    },
    answers: answers.map((a) => (typeof a === 'boolean' ? a : a.toString())),
    proof: { linear, oneof, range: constraints.range },
  };
  return { disclosure, answers };
}

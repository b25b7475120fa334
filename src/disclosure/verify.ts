/**
 * The recipient's (or anyone's) side: check a disclosure against the meter's and the user's public keys,
 * the verifier's own identity, the query it asked for, and the time. Returns accept with the answers, or
 * reject with a stable reason code. It never throws, whatever the input.
 *
 * Order of checks, cheapest first, so hostile input is turned away before any group arithmetic:
 *   1. JSON and schema                      malformed.json, malformed.schema, unsupported.version
 *   2. the consent                          user.key, consent.user, consent.signature, consent.query,
 *                                           query.mismatch, consent.meter, consent.recipient,
 *                                           consent.expired, consent.not_yet_valid
 *   3. the query and the answers            malformed.query, malformed.answer
 *   4. records: seq order, contiguity       records.registers, records.duplicate, records.order,
 *                                           records.gap, records.overlap
 *   5. records cover what the query touches records.missing, records.extra, query.alignment
 *   6. hash chain and the meter's signature chain.hash, meter.key, meter.signature
 *      (over the layout too), and the      meter.registers
 *      signed register names are the query's
 *   7. commitments and proofs decode        encoding.point, encoding.scalar, proof.count
 *   8. the proofs                           proof.linear, proof.oneof, proof.range
 * Every proof absorbs every answer first (statement.ts), so an edited answer fails the first proof
 * checked; sigma proofs are checked before the costlier range proofs.
 */
import { fromHex, toHex } from '../core/bytes.js';
import { MeterproofError } from '../core/errors.js';
import { G, H } from '../core/generators.js';
import { toPublicKey, type PublicJwk, type PublicKey, type Role } from '../core/keys.js';
import { pointsFromBytes, type Point } from '../core/point.js';
import { scalar } from '../core/scalar.js';
import { queryLayoutFault } from '../meter/layout.js';
import { checkChain, checkContinuity } from '../meter/run.js';
import { EquationBatch } from '../proofs/batch.js';
import { batchOneOf, decodeOneOf, ONEOF_MAX_BRANCHES, oneOfProofBytes } from '../proofs/oneof.js';
import { verifyRangeBatch } from '../proofs/rangeproof/index.js';
import { batchSchnorr, decodeSchnorr, SCHNORR_PROOF_BYTES } from '../proofs/schnorr.js';
import { exprPoint } from '../statement/expr.js';
import { deferredChecks, verifyConstraints } from '../statement/proof.js';
import { Statement } from '../statement/system.js';
import { consentDigest, parseUtc, verifyConsentSignature, type Consent } from './consent.js';
import { DISCLOSURE_VERSION, DisclosureSchema, type Disclosure } from './message.js';
import { expandQuery, parseQuery, queryDigest, type Fact, type Query } from './query.js';
import { bindDisclosure, constrain, factExpr, factSpan, oneOfTranscript, RecordIndex, type Answer } from './statement.js';

export type DisclosureRejectReason =
  | 'malformed.json'
  | 'malformed.schema'
  | 'malformed.query'
  | 'malformed.answer'
  | 'unsupported.version'
  | 'user.key'
  | 'consent.user'
  | 'consent.signature'
  | 'consent.meter'
  | 'consent.query'
  | 'query.mismatch'
  | 'consent.recipient'
  | 'consent.expired'
  | 'consent.not_yet_valid'
  | 'query.alignment'
  | 'records.registers'
  | 'records.duplicate'
  | 'records.order'
  | 'records.gap'
  | 'records.overlap'
  | 'records.missing'
  | 'records.extra'
  | 'chain.hash'
  | 'meter.key'
  | 'meter.signature'
  | 'meter.registers'
  | 'encoding.point'
  | 'encoding.scalar'
  | 'proof.count'
  | 'proof.linear'
  | 'proof.oneof'
  | 'proof.range'
  | 'internal';

/** One verified answer, about one fact of the expanded query. */
export interface DisclosedAnswer {
  /** The query item it answers (a daily item answers several facts). */
  readonly item: number;
  readonly kind: Fact['kind'];
  readonly register: string;
  /** What it is about, in words and UTC times. */
  readonly label: string;
  /** A decimal integer (reading, sum, linear, max) or, for a threshold, whether the value is ≥ it. */
  readonly value: string | boolean;
}

export interface DisclosureAccepted {
  readonly ok: true;
  readonly meter: string;
  readonly recipient: string;
  readonly purpose: string;
  readonly issued: string;
  readonly expires: string;
  /** The kid of the user key that consented. */
  readonly user: string;
  readonly queryDigest: string;
  readonly records: number;
  /** The unit of every answer but thresholds, as the meter signs it (Wh, m, …). */
  readonly unit: string;
  readonly answers: DisclosedAnswer[];
}

export interface DisclosureRejected {
  readonly ok: false;
  readonly reason: DisclosureRejectReason;
  readonly detail: string;
}

export type DisclosureVerifyResult = DisclosureAccepted | DisclosureRejected;

export interface VerifyDisclosureInput {
  /** The disclosure as JSON text or as an already-parsed value. */
  readonly disclosure: string | unknown;
  /** The registered meter's public key. */
  readonly meterKey: PublicKey | PublicJwk;
  /** The public key of the user who may consent for this meter (the verifier knows whose meter it is). */
  readonly userKey: PublicKey | PublicJwk;
  /** Who is verifying: a disclosure made for anyone else is rejected. Omit only to audit (an arbiter). */
  readonly recipient?: string;
  /**
   * The query the recipient asked for (a query document): a disclosure answering any other query, even
   * one the user validly consented to, is rejected with query.mismatch. Omit only to audit.
   */
  readonly query?: unknown;
  /** The time of verification, Unix seconds: an expired consent is rejected. */
  readonly now: number;
}

/** How far a consent's `issued` may lie in the verifier's future: clocks differ a little. */
export const CLOCK_SKEW_SECONDS = 300;

class Reject extends Error {
  constructor(readonly reason: DisclosureRejectReason, readonly detail: string) {
    super(detail);
  }
}

const fail = (reason: DisclosureRejectReason, detail: string): never => {
  throw new Reject(reason, detail);
};

/** Errors raised below the verifier (decoders, the record index) and the reasons they mean. */
const ERROR_REASONS: Record<string, DisclosureRejectReason> = {
  'records.missing': 'records.missing',
  'query.alignment': 'query.alignment',
  'query.invalid': 'malformed.query',
  'encoding.point': 'encoding.point',
  'encoding.scalar': 'encoding.scalar',
  'encoding.bytes': 'malformed.schema',
};

export function verifyDisclosure(input: VerifyDisclosureInput): DisclosureVerifyResult {
  try {
    return check(input);
  } catch (e) {
    if (e instanceof Reject) return { ok: false, reason: e.reason, detail: e.detail };
    if (e instanceof MeterproofError) return { ok: false, reason: ERROR_REASONS[e.code] ?? 'internal', detail: e.message };
    // Should not happen; never let an exception (or its stack) escape verification.
    return { ok: false, reason: 'internal', detail: 'verification failed on unexpected input' };
  }
}

function parseDisclosure(raw: unknown): Disclosure {
  let json = raw;
  if (typeof raw === 'string') {
    try {
      json = JSON.parse(raw.replace(/^\uFEFF/, '')); // a byte-order mark is not a malformed disclosure
    } catch {
      fail('malformed.json', 'the disclosure is not valid JSON');
    }
  }
  if (typeof json === 'object' && json !== null && 'v' in json && (json as { v: unknown }).v !== DISCLOSURE_VERSION) {
    const v = (json as { v: unknown }).v;
    const why = v === 1 ? ': version-1 disclosures predate signed record layouts; make the disclosure again' : '';
    fail('unsupported.version', `disclosure version ${JSON.stringify(v)} is not supported (this verifier reads version ${DISCLOSURE_VERSION})${why}`);
  }
  const r = DisclosureSchema.safeParse(json);
  if (!r.success) {
    const i = r.error.issues[0]!;
    fail('malformed.schema', `disclosure: ${i.path.join('.') || '(top)'}: ${i.message}`);
  }
  return r.data!;
}

/** 2. The consent: the user's, signed, for this meter, this query, this recipient, and in force now. */
function checkConsent(d: Disclosure, input: KeyedInput): { consent: Consent; digest: Uint8Array; query: Query } {
  const c = d.consent;
  if (input.userKey.role !== 'user') fail('user.key', `the user key given is a ${input.userKey.role} key`);
  if (c.user !== input.userKey.kid) fail('consent.user', `the consent is signed by key ${c.user}, not by this user's key ${input.userKey.kid}`);
  if (!verifyConsentSignature(c, input.userKey, fromHex(d.consentSignature, 64))) fail('consent.signature', 'the consent is not signed by this user\'s key: it was changed or forged');
  let query: Query;
  try {
    query = parseQuery(d.query);
  } catch (e) {
    return fail('malformed.query', e instanceof Error ? e.message : 'the query is malformed');
  }
  if (toHex(queryDigest(query)) !== c.queryDigest) fail('consent.query', 'the query differs from the one the user consented to');
  if (input.query !== undefined) {
    let asked: Query;
    try {
      asked = parseQuery(input.query);
    } catch (e) {
      return fail('malformed.query', `the query asked for: ${e instanceof Error ? e.message : 'malformed'}`);
    }
    const want = toHex(queryDigest(asked));
    if (want !== c.queryDigest) fail('query.mismatch', `the disclosure answers another query (digest ${c.queryDigest.slice(0, 16)}…) than the one asked for (${want.slice(0, 16)}…)`);
  }
  if (query.meter !== c.meter) fail('consent.meter', `the consent is for meter ${c.meter}, the query for meter ${query.meter}`);
  if (input.recipient !== undefined && input.recipient !== c.recipient) fail('consent.recipient', `the disclosure is for ${c.recipient}, not for ${input.recipient}`);
  const issued = parseUtc(c.issued);
  const expires = parseUtc(c.expires);
  if (issued === undefined || expires === undefined) return fail('malformed.schema', 'consent: issued and expires must be real UTC times');
  if (!Number.isFinite(input.now)) fail('internal', 'the verifier was given no valid time');
  if (input.now >= expires) fail('consent.expired', `the consent expired at ${c.expires}`);
  if (input.now + CLOCK_SKEW_SECONDS < issued) fail('consent.not_yet_valid', `the consent is issued at ${c.issued}, in the future`);
  return { consent: c, digest: consentDigest(c), query };
}

/** 3. One answer per fact, of its fact's type. Texts are canonical by the schema's pattern. */
function checkAnswers(d: Disclosure, facts: readonly Fact[]): Answer[] {
  if (d.answers.length !== facts.length) fail('malformed.answer', `the query has ${facts.length} facts, the disclosure ${d.answers.length} answers`);
  return facts.map((f, j) => {
    const a = d.answers[j]!;
    if (f.kind === 'threshold') {
      if (typeof a !== 'boolean') fail('malformed.answer', `answer ${j} (a threshold) must be true or false`);
      return a as boolean;
    }
    if (typeof a !== 'string') fail('malformed.answer', `answer ${j} must be a decimal integer`);
    if (a === '-0') fail('malformed.answer', `answer ${j} is not written canonically`);
    const v = BigInt(a as string);
    if (f.kind === 'max' && (v < 0n || v >= 1n << 64n)) fail('malformed.answer', `answer ${j} (a maximum) must be in [0, 2^64)`);
    return v;
  });
}

type KeyedInput = VerifyDisclosureInput & { meterKey: PublicKey; userKey: PublicKey };

/** Key files are accepted as read from disk; a wrong role or a secret key is a rejection that says why. */
function withKeys(input: VerifyDisclosureInput): KeyedInput {
  const key = (k: unknown, role: Role, reason: DisclosureRejectReason): PublicKey => {
    try {
      return toPublicKey(k, role);
    } catch (e) {
      return fail(reason, (e as Error).message);
    }
  };
  return { ...input, userKey: key(input.userKey, 'user', 'user.key'), meterKey: key(input.meterKey, 'meter', 'meter.key') };
}

function check(given: VerifyDisclosureInput): DisclosureVerifyResult {
  const d = parseDisclosure(given.disclosure);
  const input = withKeys(given);
  const { consent, digest, query } = checkConsent(d, input);

  let facts: Fact[];
  try {
    facts = expandQuery(query);
  } catch (e) {
    return fail('malformed.query', e instanceof Error ? e.message : 'the query is malformed');
  }
  const answers = checkAnswers(d, facts);

  // 4. Records: consecutive sequence numbers, each starting where the last ended, one commitment per register.
  const recs = d.records;
  const items = recs.items;
  const K = recs.layout.registers.length;
  for (const it of items) if (it.length !== 3 + K) fail('records.registers', `record ${it[0]} has ${it.length - 3} commitments, the meter's layout names ${K} registers`);
  if (items[0]![0] !== recs.firstSeq) fail('malformed.schema', `the first record is ${items[0]![0]}, not firstSeq ${recs.firstSeq}`);
  const broken = checkContinuity(items);
  if (broken) fail(broken.reason, broken.detail);

  // 5. The records are exactly the run the facts touch: none missing, none extra.
  const intervals = items.map(([, start, duration]) => ({ start, duration }));
  const index = new RecordIndex(intervals);
  let lo = Infinity;
  let hi = -Infinity;
  for (const f of facts) {
    const [a, b] = factSpan(f, index);
    lo = Math.min(lo, a);
    hi = Math.max(hi, b);
  }
  if (lo !== 0 || hi !== items.length - 1) fail('records.extra', 'the disclosure includes records the query does not touch');

  // 6. Hash chain, then one signature on the last hash authenticates every record.
  if (input.meterKey.role !== 'meter') fail('meter.key', `the meter key given is a ${input.meterKey.role} key`);
  const chain = checkChain({ meter: query.meter, layout: recs.layout, items, prev: recs.prev, lastHash: recs.lastHash, lastSignature: recs.lastSignature }, input.meterKey.bytes);
  if ('reason' in chain) return fail(chain.reason, chain.detail);
  // The chain authenticates the layout (the meter signs it in every record): its names are the query's,
  // so each answer is about the register the query names.
  const layoutFault = queryLayoutFault(recs.layout, query, 'the meter');
  if (layoutFault) return fail(layoutFault.reason, layoutFault.detail);
  const commitmentBytes = chain.commitments;

  // 7. Commitments (each decoding validates the point), the statement, and the proofs' shapes.
  const points: Point[] = pointsFromBytes(commitmentBytes.flat());
  const recordPoint = (id: number): Point => points[id]!;
  const st = new Statement(items.length, K);
  const claims = constrain(st, facts.map((f) => factExpr(f, index, st)), answers);
  const pr = d.proof;
  if (pr.linear.length !== claims.linear.length) fail('proof.count', `expected ${claims.linear.length} linear proofs, got ${pr.linear.length}`);
  if (pr.oneof.length !== claims.maxima.length) fail('proof.count', `expected ${claims.maxima.length} one-of proofs, got ${pr.oneof.length}`);

  const t = bindDisclosure({
    consentDigest: digest,
    userKey: input.userKey.bytes,
    meter: query.meter,
    meterKey: input.meterKey.bytes,
    queryDigest: queryDigest(query),
    firstSeq: recs.firstSeq,
    count: items.length,
    registers: K,
    prev: fromHex(recs.prev, 32),
    lastHash: fromHex(recs.lastHash, 32),
    answers,
  });
  // The range proofs are collected here and checked last (they cost the most).
  const deferred = deferredChecks();
  const v = verifyConstraints(st, t, recordPoint, { aux: [], range: pr.range, or: [], product: [] }, deferred);
  if (!v.ok) {
    // Stryker disable next-line ConditionalExpression,LogicalOperator,EqualityOperator: a disclosure has no OR or product proofs, so those reasons cannot occur (internal if they did)
    return fail(v.reason === 'malformed.schema' ? 'proof.count' : v.reason === 'proof.or' || v.reason === 'proof.product' ? 'internal' : v.reason, v.detail);
  }

  const oneofBatch = new EquationBatch();
  claims.maxima.forEach((m, j) => {
    const k = m.xs.length;
    // Stryker disable next-line ConditionalExpression,EqualityOperator: reaching it needs a disclosure of more than 2^16 records; decodeOneOf refuses such a count too (test/forgery/shapes.test.ts)
    if (k > ONEOF_MAX_BRANCHES) fail('malformed.query', `a maximum over ${k} records: at most ${ONEOF_MAX_BRANCHES}`);
    const bytes = fromHex(pr.oneof[j]!);
    if (bytes.length !== oneOfProofBytes(k)) fail('proof.count', `one-of proof ${j} is not ${oneOfProofBytes(k)} bytes for a window of ${k} records`);
    const proof = decodeOneOf(bytes, k);
    const DG = G.multiplyUnsafe(scalar(m.D));
    const P = m.xs.map((x) => DG.subtract(exprPoint(x, recordPoint)));
    batchOneOf(oneofBatch, oneOfTranscript(t, m.fact), P, proof);
  });

  const linearBatch = deferred.linear;
  claims.linear.forEach((c, j) => {
    const proof = decodeSchnorr(fromHex(pr.linear[j]!, SCHNORR_PROOF_BYTES));
    const C = exprPoint(c.e, recordPoint);
    const F = scalar(c.value);
    t.appendU64('fact', c.fact);
    // Stryker disable next-line ConditionalExpression: subtracting 0·G gives the same point; the shortcut saves a multiplication
    batchSchnorr(linearBatch, t, H, F === 0n ? C : C.subtract(G.multiplyUnsafe(F)), proof);
  });

  if (!linearBatch.check()) fail('proof.linear', 'a proof of a revealed value does not verify: an answer is not the value of its fact');
  if (!oneofBatch.check()) fail('proof.oneof', 'a one-of proof does not verify: a revealed maximum is not attained by any record');
  if (!verifyRangeBatch(deferred.range)) fail('proof.range', 'a range proof does not verify: a threshold answer is false, or a revealed maximum is below a reading');

  const label = (f: Fact) => recs.layout.registers[f.register]!;
  return {
    ok: true,
    meter: query.meter,
    recipient: consent.recipient,
    purpose: consent.purpose,
    issued: consent.issued,
    expires: consent.expires,
    user: consent.user,
    queryDigest: consent.queryDigest,
    records: items.length,
    unit: recs.layout.unit,
    answers: facts.map((f, j) => ({ item: f.item, kind: f.kind, register: label(f), label: f.label, value: typeof answers[j] === 'boolean' ? (answers[j] as boolean) : (answers[j] as bigint).toString() })),
  };
}

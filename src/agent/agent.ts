/**
 * The user's agent: bills on the user's behalf and answers disclosure requests under the user's policy.
 *
 * One round (`runOnce`):
 *   1. reads the meter's log and the user's private file (from the meter directory or the two files);
 *   2. fetches the meter's registration and checks the provider's signature on it, that it names this
 *      meter's key and the user's account (so the agent bills the account the provider bound the meter to);
 *   3. for every closed billing period of the account's cycle with no receipt on disk: fetches the tariff
 *      in force, checks its signature under the provider key the user pinned (never the one the service
 *      serves), proves the bill (proveBill, on that period's slice only), stores it, submits it in compact
 *      form when the service holds the records (falling back to the full form), polls for the receipt,
 *      checks the receipt's signature, bill digest and fee, and stores it;
 *   4. lists pending disclosure requests and answers each one: a disclosure when the policy allows all of
 *      it, otherwise a refusal signed with the user key.
 *
 * What leaves the agent: the bill (commitments, proofs, the fee), disclosures the policy allows (the
 * answers and proofs), refusals. Never a reading, an opening or the seed (a test records every request).
 * Files on disk are never overwritten: a bill proven once is submitted again as it is after a restart.
 *
 * Portable: the store and the client are passed in (src/agent/node/ has the file store).
 */
import { proveBill, proveBillAsync } from '../bill/prove.js';
import type { RangeJob } from '../statement/proof.js';
import { compactBill } from '../bill/compact.js';
import type { Bill } from '../bill/message.js';
import { MeterproofError } from '../core/errors.js';
import { toHex } from '../core/bytes.js';
import { parsePublicJwk, type PublicKey, type SecretKey } from '../core/keys.js';
import { proveDisclosure } from '../disclosure/prove.js';
import type { LogFile, PrivateFile } from '../meter/log.js';
import type { MeterRegistration, Receipt, Refusal } from '../service/api.js';
import type { Disclosure } from '../disclosure/message.js';
import { parsePeriod, type BillingPeriod } from '../tariff/period.js';
import { checkSignedTariff } from '../tariff/signed.js';
import { ServiceError, type ServiceClient } from './client.js';
import { closedMonths, sliceForPeriod } from './periods.js';
import { consentExpiry, decide, REFUSE_ALL, type Policy } from './policy.js';
import { billDigest, providerSigned, signRefusal } from './signed.js';

/** Where the agent keeps what it made and got: JSON documents by name, never overwritten. */
export interface AgentStore {
  has(name: string): boolean;
  read(name: string): unknown;
  /** Fails (io.exists) if `name` exists. */
  create(name: string, value: unknown): void;
}

export interface AgentOptions {
  readonly client: ServiceClient;
  readonly store: AgentStore;
  /** Reads the meter's log and the user's private file as they are now. */
  readonly source: () => { log: LogFile; priv: PrivateFile };
  /** The provider key the user trusts (pinned out of band), not the one the service serves. */
  readonly providerKey: PublicKey;
  /** The account the user expects; the registration must name it. Default: the registration's. */
  readonly account?: string;
  /** Signs consents and refusals; without it, disclosure requests are left alone. */
  readonly userKey?: SecretKey;
  readonly policy?: Policy;
  /** Bill only periods with these labels (tests, demos); default all closed ones. */
  readonly periods?: (label: string) => boolean;
  /** Use the compact form when the service holds the records (default true). */
  readonly compact?: boolean;
  readonly pollMs?: number;
  /** How long to wait for a receipt before leaving the bill queued for the next round. */
  readonly receiptTimeoutMs?: number;
  readonly now?: () => number;
  readonly log?: (line: string) => void;
  readonly sleep?: (ms: number) => Promise<void>;
  /**
   * Proves a bill's range proofs (the bulk of a non-linear tariff's work), e.g. on worker threads (the CLI
   * passes src/node/range-pool.ts's proveRangeJobs); default: in this thread.
   */
  readonly runRangeJobs?: (jobs: RangeJob[]) => Promise<string[]>;
}

export interface BillOutcome {
  readonly period: string;
  readonly id: string;
  readonly state: 'queued' | 'accepted' | 'rejected';
  readonly fee: string;
  readonly form: 'compact' | 'full';
  readonly reason?: string;
  readonly receipt?: Receipt;
  /** Bytes of what was submitted. */
  readonly bytes?: number;
}

export interface DisclosureOutcome {
  readonly request: string;
  readonly recipient: string;
  readonly answer: 'disclosed' | 'refused';
  readonly reason?: string;
}

export interface RoundResult {
  readonly account: string;
  readonly meter: string;
  readonly bills: BillOutcome[];
  readonly disclosures: DisclosureOutcome[];
  /** Closed periods left for later, and why (no tariff in force, say). */
  readonly skipped: { period: string; reason: string }[];
}

/** File names for a period: labels with "/" (day ranges) become "_". */
const fileLabel = (period: string) => period.replace(/\//g, '_');
export const billFile = (period: string) => `bills/${fileLabel(period)}.json`;
export const receiptFile = (period: string) => `receipts/${fileLabel(period)}.json`;
export const disclosureFile = (id: string, kind: 'disclosure' | 'refusal') => `disclosures/${id}.${kind}.json`;

/** The periods of a registration's billing cycle that the log covers entirely. */
export function closedPeriods(reg: MeterRegistration, log: LogFile, timeZone: string): BillingPeriod[] {
  if (reg.cycle.kind === 'month') return closedMonths(log, timeZone);
  const { anchor, days } = reg.cycle;
  const rs = log.records;
  if (rs.length === 0) return [];
  const end = rs[rs.length - 1]!.start + rs[rs.length - 1]!.duration;
  const starts = new Set(rs.map((r) => r.start));
  const day = (d: Date) => d.toISOString().slice(0, 10);
  const out: BillingPeriod[] = [];
  const a = new Date(`${anchor}T00:00:00Z`);
  for (let k = 0; ; k++) {
    const first = new Date(a.getTime() + k * days * 86400_000);
    const last = new Date(first.getTime() + (days - 1) * 86400_000);
    const p = parsePeriod(`${day(first)}/${day(last)}`, timeZone);
    if (p.start >= end) break;
    if (p.end <= end && starts.has(p.start) && (p.end === end || starts.has(p.end))) out.push(p);
    if (k > 100_000) break;
  }
  return out;
}

export class Agent {
  private readonly now: () => number;
  private readonly say: (line: string) => void;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(readonly o: AgentOptions) {
    if (o.providerKey.role !== 'provider') throw new MeterproofError('key.invalid', `the provider key is a ${o.providerKey.role} key`);
    if (o.userKey && o.userKey.role !== 'user') throw new MeterproofError('key.invalid', `the user key is a ${o.userKey.role} key`);
    this.now = o.now ?? (() => Math.floor(Date.now() / 1000));
    this.say = o.log ?? (() => {});
    this.sleep = o.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
  }

  /** The meter's registration, checked: provider signature, this meter's key, the expected account. */
  async registration(log: LogFile): Promise<MeterRegistration> {
    const reg = await this.o.client.meterRegistration(log.meter);
    if (!providerSigned(reg, this.o.providerKey)) {
      throw new MeterproofError('registration.signature', `the registration of meter ${log.meter} is not signed by the provider key you trust`);
    }
    const key = parsePublicJwk(reg.meterKey, 'meter', 'registered meter key');
    if (toHex(key.bytes) !== log.meterKey) throw new MeterproofError('registration.meter_key', `meter ${log.meter} is registered with another key than the one its log names`);
    if (this.o.account !== undefined && reg.account !== this.o.account) {
      throw new MeterproofError('registration.account', `meter ${log.meter} is registered to account ${reg.account}, not ${this.o.account}`);
    }
    return reg;
  }

  async runOnce(): Promise<RoundResult> {
    const { log, priv } = this.o.source();
    const reg = await this.registration(log);
    const account = reg.account;
    const result: RoundResult = { account, meter: log.meter, bills: [], disclosures: [], skipped: [] };
    await this.bill(reg, log, priv, result);
    if (this.o.userKey) await this.answerRequests(account, log, priv, result);
    return result;
  }

  private async bill(reg: MeterRegistration, log: LogFile, priv: PrivateFile, result: RoundResult): Promise<void> {
    const account = reg.account;
    // The cycle's periods are in the tariff's time zone: ask for the tariff in force around the log's ends.
    const tz = await this.timeZone(account, log);
    if (tz === undefined) {
      result.skipped.push({ period: '*', reason: 'no tariff in force for the account' });
      return;
    }
    let head: { next: number } | undefined;
    for (const period of closedPeriods(reg, log, tz)) {
      if (this.o.periods && !this.o.periods(period.label)) continue;
      if (this.o.store.has(receiptFile(period.label))) continue;
      try {
        const b = await this.billPeriod(account, log, priv, period, head);
        head = b.head;
        if (b.outcome) result.bills.push(b.outcome);
        else result.skipped.push({ period: period.label, reason: b.skipped! });
      } catch (e) {
        // The service refusing this bill by name (another bill already accepted for the period, a period
        // outside the cycle, …) concerns this period only: say so and go on. Anything else, a check of ours
        // failing included, ends the round.
        if (!(e instanceof ServiceError && e.status >= 400 && e.status < 500 && e.code !== 'auth.token' && e.code !== 'rate.limited')) throw e;
        this.say(`${period.label}: the service refused the bill: ${e.code}: ${e.message}`);
        result.skipped.push({ period: period.label, reason: `${e.code}: ${e.message}` });
      }
    }
  }

  private async billPeriod(account: string, log: LogFile, priv: PrivateFile, period: BillingPeriod, head: { next: number } | undefined): Promise<{ head?: { next: number }; outcome?: BillOutcome; skipped?: string }> {
    let bill: Bill;
    let form: BillOutcome['form'];
    if (this.o.store.has(billFile(period.label))) {
      bill = this.o.store.read(billFile(period.label)) as Bill;
    } else {
      let signedTariff: unknown;
      try {
        signedTariff = (await this.o.client.tariffInForce(account, period.label)).signedTariff;
      } catch (e) {
        if (e instanceof ServiceError && e.code === 'tariff.none') return { ...(head ? { head } : {}), skipped: 'no tariff in force' };
        throw e;
      }
      const check = checkSignedTariff(signedTariff, this.o.providerKey);
      if (!check.ok) throw new MeterproofError(check.reason, `the tariff in force for ${period.label} fails its check: ${check.detail}`);
      const slice = sliceForPeriod(log, priv, period);
      const input = { signedTariff, log: slice.log, priv: slice.priv, account, period: period.label };
      bill = this.o.runRangeJobs ? (await proveBillAsync(input, this.o.runRangeJobs)).bill : proveBill(input).bill;
      this.o.store.create(billFile(period.label), bill);
      this.say(`${period.label}: proved, fee ${bill.fee} ${bill.currency}`);
    }
    // Compact when the service holds the run (its head is past the last record), full otherwise.
    let submitted: { id: string; state: string };
    let bytes: number;
    const wantCompact = this.o.compact !== false;
    head ??= wantCompact ? await this.o.client.recordsHead(log.meter).catch(() => ({ next: 0 })) : { next: 0 };
    if (wantCompact && head.next >= bill.records.firstSeq + bill.records.count) {
      const c = compactBill(bill);
      bytes = JSON.stringify({ compact: c }).length;
      try {
        submitted = await this.o.client.submitBill({ compact: c });
        form = 'compact';
      } catch (e) {
        if (!(e instanceof ServiceError && e.code === 'records.unknown')) throw e;
        bytes = JSON.stringify({ bill }).length;
        submitted = await this.o.client.submitBill({ bill });
        form = 'full';
      }
    } else {
      bytes = JSON.stringify({ bill }).length;
      submitted = await this.o.client.submitBill({ bill });
      form = 'full';
    }
    const id = billDigest(bill);
    if (submitted.id !== id) throw new MeterproofError('service.protocol', `the service names bill ${submitted.id}, but the bill's digest is ${id}`);
    return { head, outcome: await this.awaitReceipt(period.label, bill, id, form, bytes) };
  }

  /** The time zone of the account's tariff (the first month of the log that has one in force). */
  private async timeZone(account: string, log: LogFile): Promise<string | undefined> {
    const months = new Set<string>();
    for (const r of [log.records[0]!, log.records[log.records.length - 1]!]) {
      // The record's UTC month and the next hold its local month in any zone.
      const d = new Date(r.start * 1000);
      for (const k of [0, 1]) {
        const t = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + k, 1));
        months.add(t.toISOString().slice(0, 7));
      }
    }
    for (const m of months) {
      try {
        const t = await this.o.client.tariffInForce(account, m);
        return t.tariff.timezone;
      } catch (e) {
        if (!(e instanceof ServiceError && (e.code === 'tariff.none' || e.code === 'request.schema'))) throw e;
      }
    }
    return undefined;
  }

  private async awaitReceipt(period: string, bill: Bill, id: string, form: BillOutcome['form'], bytes: number): Promise<BillOutcome> {
    const deadline = Date.now() + (this.o.receiptTimeoutMs ?? 120_000);
    let wait = this.o.pollMs ?? 200;
    for (;;) {
      const s = await this.o.client.billStatus(id);
      if (s.state !== 'queued' && s.receipt) {
        const r = s.receipt;
        if (!providerSigned(r, this.o.providerKey)) throw new MeterproofError('receipt.signature', `the receipt for ${period} is not signed by the provider key you trust`);
        if (r.bill !== id || r.verdict !== s.state || r.account !== bill.account || r.period !== bill.period.label) {
          throw new MeterproofError('receipt.mismatch', `the receipt for ${period} is about another bill, account, period or verdict`);
        }
        if (r.verdict === 'accepted' && r.fee !== bill.fee) throw new MeterproofError('receipt.mismatch', `the receipt for ${period} states fee ${r.fee}, the bill ${bill.fee}`);
        this.o.store.create(receiptFile(period), r);
        this.say(`${period}: ${r.verdict}${r.reason ? ` (${r.reason})` : ''}, receipt stored`);
        return { period, id, state: s.state, fee: bill.fee, form, bytes, receipt: r, ...(s.reason ? { reason: s.reason } : {}) };
      }
      if (Date.now() >= deadline) {
        this.say(`${period}: still queued; the next round polls again`);
        return { period, id, state: 'queued', fee: bill.fee, form, bytes };
      }
      await this.sleep(wait);
      wait = Math.min(wait * 2, 2000);
    }
  }

  private async answerRequests(account: string, log: LogFile, priv: PrivateFile, result: RoundResult): Promise<void> {
    const policy = this.o.policy ?? REFUSE_ALL;
    const requests = await this.o.client.disclosureRequests(account, 'pending');
    for (const req of requests) {
      if (req.state !== 'pending') continue;
      try {
        await this.answerRequest(req, account, log, priv, policy, result);
      } catch (e) {
        // The service refusing this answer by name concerns this request only; anything else ends the round.
        if (!(e instanceof ServiceError && e.status >= 400 && e.status < 500 && e.code !== 'auth.token' && e.code !== 'rate.limited')) throw e;
        this.say(`disclosure request ${req.id}: the service refused the answer: ${e.code}: ${e.message}`);
        result.skipped.push({ period: `request ${req.id}`, reason: `${e.code}: ${e.message}` });
      }
    }
  }

  private async answerRequest(req: { id: string; meter: string; recipient: string; purpose: string; query: unknown }, account: string, log: LogFile, priv: PrivateFile, policy: Policy, result: RoundResult): Promise<void> {
    const userKey = this.o.userKey!;
    // An answer stored by a round that stopped before sending it is sent as it is.
    for (const kind of ['disclosure', 'refusal'] as const) {
      if (this.o.store.has(disclosureFile(req.id, kind))) {
        const doc = this.o.store.read(disclosureFile(req.id, kind));
        await this.o.client.answerDisclosure(req.id, kind === 'disclosure' ? { disclosure: doc as Disclosure } : { refusal: doc as Refusal });
        result.disclosures.push({ request: req.id, recipient: req.recipient, answer: kind === 'disclosure' ? 'disclosed' : 'refused', ...(kind === 'refusal' ? { reason: (doc as Refusal).reason ?? '' } : {}) });
        return;
      }
    }
    const now = this.now();
    const d = req.meter !== log.meter
      ? ({ answer: false, reason: `the request is about meter ${req.meter}, this agent holds meter ${log.meter}` } as const)
      : decide(policy, { recipient: req.recipient, purpose: req.purpose, query: req.query }, now);
    if (d.answer) {
      const rule = policy.allow[d.rule]!;
      let disclosure;
      try {
        disclosure = proveDisclosure({
          query: d.query,
          terms: { recipient: req.recipient, purpose: req.purpose, expires: consentExpiry(rule, now) },
          log,
          priv,
          userKey,
          now,
        }).disclosure;
      } catch (e) {
        // The policy allows it but the log cannot answer it (records not yet there, say): refuse, saying why.
        await this.refuse(req.id, account, `cannot answer: ${(e as Error).message}`.slice(0, 500), result, req.recipient);
        return;
      }
      disclosure = this.keep(disclosureFile(req.id, 'disclosure'), disclosure);
      await this.o.client.answerDisclosure(req.id, { disclosure });
      this.say(`disclosure request ${req.id} (${req.recipient}, "${req.purpose}"): answered under policy rule ${d.rule}`);
      result.disclosures.push({ request: req.id, recipient: req.recipient, answer: 'disclosed' });
    } else {
      await this.refuse(req.id, account, d.reason, result, req.recipient);
    }
  }

  /** Stores `value` under `name`, or, when a round before stored one there (and then stopped), returns that one: it is resent as it is. */
  private keep<T>(name: string, value: T): T {
    if (this.o.store.has(name)) return this.o.store.read(name) as T;
    this.o.store.create(name, value);
    return value;
  }

  private async refuse(id: string, account: string, reason: string, result: RoundResult, recipient: string): Promise<void> {
    const refusal = this.keep(disclosureFile(id, 'refusal'), signRefusal({ request: id, account, reason, now: this.now() }, this.o.userKey!));
    await this.o.client.answerDisclosure(id, { refusal });
    this.say(`disclosure request ${id} (${recipient}): refused: ${reason}`);
    result.disclosures.push({ request: id, recipient, answer: 'refused', reason });
  }
}

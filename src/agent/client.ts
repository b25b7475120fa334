/**
 * A typed HTTP client for the provider service's API (src/service/api.ts): one method per route, bodies
 * built and responses checked with the API's own zod schemas, so the client cannot drift from what the
 * server validates.
 *
 * Errors are `ServiceError` (a MeterproofError) whose `code` is the API's stable error code
 * (`records.fork`, `bill.period_accepted`, `auth.token`, a verifier reason, …), with the HTTP status and
 * the server's detail. Failures that never reached an answer have codes of their own:
 *   service.unreachable   the connection failed or timed out (after the retries)
 *   service.protocol      the answer is not JSON, or not the shape the API documents
 *
 * Every route is idempotent (the same batch, bill, registration or answer twice is one), so a request
 * that fails on the network, with 5xx or with 429 is retried a few times with backoff; 4xx is final.
 *
 * Portable: only the global fetch (Node 20, browsers), no Node built-ins: the user app reuses it.
 */
import type { z } from 'zod';
import { MeterproofError } from '../core/errors.js';
import {
  AccountResponse,
  AnswerDisclosureResponse,
  BillStatusResponse,
  DisclosureRequestResponse,
  ErrorSchema,
  EvidenceBundle,
  FetchTariffResponse,
  FileDisclosureResponse,
  HealthResponse,
  InForceResponse,
  ListBillsResponse,
  ListDisclosureResponse,
  ListTariffsResponse,
  MeterRecordsResponse,
  MeterRegistrationResponse,
  ProviderKeyResponse,
  PublishTariffResponse,
  PushRecordsResponse,
  ReadyResponse,
  RecordsHeadResponse,
  RegisterMeterResponse,
  RegisterUserKeyResponse,
  ROUTES,
  routePath,
  SubmitBillResponse,
  type Refusal,
} from '../service/api.js';
import type { Bill } from '../bill/message.js';
import type { CompactBill } from '../bill/compact.js';
import type { Disclosure } from '../disclosure/message.js';
import type { LogRecord } from '../meter/log.js';
import type { PublicJwk } from '../core/keys.js';
import type { SignedTariff } from '../tariff/signed.js';
import type { RegisterLayout } from '../meter/layout.js';

export class ServiceError extends MeterproofError {
  constructor(
    code: string,
    message: string,
    /** HTTP status; 0 when no answer came. */
    readonly status: number,
    readonly detail?: string,
  ) {
    super(code, message);
    this.name = 'ServiceError';
  }
}

export type FetchLike = (input: string, init: { method: string; headers: Record<string, string>; body?: string; signal?: AbortSignal }) => Promise<{
  status: number;
  text(): Promise<string>;
}>;

export interface ClientOptions {
  /** The service's base URL, e.g. http://127.0.0.1:8080 */
  readonly baseUrl: string;
  /** The provider's API token, for provider operations only (a user's agent has none). */
  readonly token?: string;
  /** Default: the global fetch. Tests pass one that records requests. */
  readonly fetch?: FetchLike;
  /** Per request, default 30 s. */
  readonly timeoutMs?: number;
  /** Retries after a network error, 5xx or 429; default 3. */
  readonly retries?: number;
  /** Backoff base in ms (doubles each retry); default 200. */
  readonly backoffMs?: number;
}

type Spec = { readonly method: 'GET' | 'POST'; readonly path: string; readonly provider?: boolean; readonly responses: Readonly<Record<number, z.ZodType>> };

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export class ServiceClient {
  private readonly base: string;
  private readonly f: FetchLike;

  constructor(readonly options: ClientOptions) {
    this.base = options.baseUrl.replace(/\/+$/, '');
    const g = (globalThis as { fetch?: FetchLike }).fetch;
    const f = options.fetch ?? g;
    if (!f) throw new MeterproofError('service.unreachable', 'no fetch in this runtime: pass one in the client options');
    this.f = f;
  }

  /** One API call: path parameters, optional query and body; the success body checked by the route's schema. */
  private async call<T>(spec: Spec, schema: z.ZodType<T>, o: { params?: Record<string, string>; query?: Record<string, string>; body?: unknown } = {}): Promise<{ status: number; body: T }> {
    let url = this.base + routePath(spec, o.params);
    if (o.query && Object.keys(o.query).length > 0) url += '?' + new URLSearchParams(o.query).toString();
    const headers: Record<string, string> = { accept: 'application/json' };
    if (o.body !== undefined) headers['content-type'] = 'application/json';
    if (spec.provider) {
      if (this.options.token === undefined) throw new ServiceError('auth.token', `${spec.method} ${spec.path} is a provider operation: it needs the provider's API token`, 0);
      headers.authorization = `Bearer ${this.options.token}`;
    }
    const body = o.body === undefined ? undefined : JSON.stringify(o.body);
    const retries = this.options.retries ?? 3;
    const backoff = this.options.backoffMs ?? 200;
    for (let attempt = 0; ; attempt++) {
      let status: number;
      let text: string;
      const ctl = typeof AbortController === 'function' ? new AbortController() : undefined;
      const timer = ctl ? setTimeout(() => ctl.abort(), this.options.timeoutMs ?? 30_000) : undefined;
      try {
        const res = await this.f(url, { method: spec.method, headers, ...(body === undefined ? {} : { body }), ...(ctl ? { signal: ctl.signal } : {}) });
        status = res.status;
        text = await res.text();
      } catch (e) {
        if (attempt < retries) {
          await sleep(backoff * 2 ** attempt);
          continue;
        }
        throw new ServiceError('service.unreachable', `${spec.method} ${url}: no answer (${(e as Error).name === 'AbortError' ? 'timed out' : ((e as Error).message ?? 'network error')})`, 0);
      } finally {
        if (timer !== undefined) clearTimeout(timer);
      }
      if ((status >= 500 || status === 429) && attempt < retries) {
        await sleep(backoff * 2 ** attempt);
        continue;
      }
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        throw new ServiceError('service.protocol', `${spec.method} ${spec.path}: HTTP ${status}, and the answer is not JSON`, status);
      }
      if (status >= 200 && status < 300) {
        const r = schema.safeParse(json);
        if (!r.success) {
          const i = r.error.issues[0]!;
          throw new ServiceError('service.protocol', `${spec.method} ${spec.path}: the answer does not match the API (${i.path.join('.') || '(top)'}: ${i.message})`, status);
        }
        return { status, body: r.data };
      }
      const err = ErrorSchema.safeParse(json);
      if (!err.success) throw new ServiceError('service.protocol', `${spec.method} ${spec.path}: HTTP ${status} without an error code`, status);
      const e = err.data;
      throw new ServiceError(e.error, `${e.message}${e.detail ? ` (${e.detail})` : ''}`, status, e.detail);
    }
  }

  // Provider key and tariffs

  async providerKey(): Promise<PublicJwk> {
    return (await this.call(ROUTES.providerKey, ProviderKeyResponse)).body.key as PublicJwk;
  }

  async publishTariff(signedTariff: SignedTariff, terms: { from: string; to?: string; accounts?: string[] }) {
    return (await this.call(ROUTES.publishTariff, PublishTariffResponse, { body: { signedTariff, ...terms } })).body.tariff;
  }

  async listTariffs() {
    return (await this.call(ROUTES.listTariffs, ListTariffsResponse)).body.tariffs;
  }

  async fetchTariff(digest: string) {
    return (await this.call(ROUTES.fetchTariff, FetchTariffResponse, { params: { digest } })).body;
  }

  /** The tariff in force for an account and period; `tariff.none` (404) when there is none. */
  async tariffInForce(account: string, period: string) {
    return (await this.call(ROUTES.inForce, InForceResponse, { params: { account }, query: { period } })).body;
  }

  // Meters and accounts

  async registerMeter(r: { meter: string; key: PublicJwk; account: string; layout: RegisterLayout; cycle?: { kind: 'month' } | { kind: 'days'; anchor: string; days: number } }) {
    return (await this.call(ROUTES.registerMeter, RegisterMeterResponse, { body: r })).body.registration;
  }

  async meterRegistration(meter: string) {
    return (await this.call(ROUTES.meterRegistration, MeterRegistrationResponse, { params: { meter } })).body.registration;
  }

  async registerUserKey(account: string, key: PublicJwk) {
    return (await this.call(ROUTES.registerUserKey, RegisterUserKeyResponse, { params: { account }, body: { key } })).body.registration;
  }

  async account(account: string) {
    return (await this.call(ROUTES.account, AccountResponse, { params: { account } })).body;
  }

  // Records

  async pushRecords(meter: string, records: readonly LogRecord[]) {
    return (await this.call(ROUTES.pushRecords, PushRecordsResponse, { params: { meter }, body: { records } })).body;
  }

  /** Up to `count` held records from seq `from` (public: hiding commitments), with the layout and `prev`. */
  async records(meter: string, from = 0, count?: number) {
    return (await this.call(ROUTES.meterRecords, MeterRecordsResponse, { params: { meter }, query: { from: String(from), ...(count === undefined ? {} : { count: String(count) }) } })).body;
  }

  async recordsHead(meter: string) {
    return (await this.call(ROUTES.recordsHead, RecordsHeadResponse, { params: { meter } })).body;
  }

  // Bills

  /** Submits a full bill or its compact form; 202 queued (200 if the same bill is already final). */
  async submitBill(bill: { bill: Bill } | { compact: CompactBill }) {
    return (await this.call(ROUTES.submitBill, SubmitBillResponse, { body: bill })).body;
  }

  async billStatus(id: string) {
    return (await this.call(ROUTES.billStatus, BillStatusResponse, { params: { id } })).body;
  }

  async billEvidence(id: string) {
    return (await this.call(ROUTES.billEvidence, EvidenceBundle, { params: { id } })).body;
  }

  async accountBills(account: string) {
    return (await this.call(ROUTES.accountBills, ListBillsResponse, { params: { account } })).body.bills;
  }

  // Disclosures

  async fileDisclosureRequest(r: { account: string; meter: string; query: unknown; purpose: string; recipient: string }) {
    return (await this.call(ROUTES.fileDisclosure, FileDisclosureResponse, { body: r })).body.request;
  }

  async disclosureRequests(account: string, state?: 'pending' | 'disclosed' | 'refused') {
    return (await this.call(ROUTES.listDisclosures, ListDisclosureResponse, { params: { account }, ...(state ? { query: { state } } : {}) })).body.requests;
  }

  async disclosureRequest(id: string) {
    return (await this.call(ROUTES.disclosureRequest, DisclosureRequestResponse, { params: { id } })).body.request;
  }

  async answerDisclosure(id: string, answer: { disclosure: Disclosure } | { refusal: Refusal }) {
    return (await this.call(ROUTES.answerDisclosure, AnswerDisclosureResponse, { params: { id }, body: answer })).body.request;
  }

  // Health

  async healthz() {
    return (await this.call(ROUTES.healthz, HealthResponse)).body;
  }

  async readyz() {
    return (await this.call(ROUTES.readyz, ReadyResponse)).body;
  }
}

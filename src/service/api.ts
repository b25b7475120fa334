/**
 * The provider service's HTTP API: every route path and the zod schema of every request and response
 * body. The server (src/service/routes/) validates with these schemas and the OpenAPI 3.1 document at
 * /openapi.json is generated from them; a client (src/agent/) may import them to check what it gets back.
 *
 * Portable: no Node built-in, no Fastify. JSON in and out. Errors are always
 *
 *   { "error": "<stable code>", "message": "<one line for people>", "detail"?: "…" }
 *
 * with the bill and disclosure verifiers' reason codes where they apply (docs/service.md lists them).
 *
 * Authentication: provider operations (publishing tariffs, registering meters and user keys, filing
 * disclosure requests, reading the provider's views) need `Authorization: Bearer <token>`. Meters push
 * records and anyone pushes bills without a credential: the meter's signatures and the bill's proofs are
 * what authenticate them. Users answer disclosure requests with a disclosure (signed consent) or a
 * refusal signed with their registered user key.
 */
import { z } from 'zod';
import { BillSchema } from '../bill/message.js';
import { CompactBillSchema, CompactRecordsSchema } from '../bill/compact.js';
import { LayoutSchema } from '../meter/layout.js';
import { LogRecordSchema } from '../meter/log.js';
import { METER_ID_RE } from '../meter/record.js';
import { SignedTariffSchema } from '../tariff/signed.js';
import { DisclosureSchema } from '../disclosure/message.js';
import { ACCOUNT_ID_RE } from '../bill/message.js';

export const API_VERSION = 'v1';

// ---------------------------------------------------------------------------------------------------
// Shared pieces

export const Hex32 = z.string().regex(/^[0-9a-f]{64}$/, '32 bytes of lowercase hex');
export const Hex64 = z.string().regex(/^[0-9a-f]{128}$/, '64 bytes of lowercase hex');
export const MeterId = z.string().regex(METER_ID_RE, 'letters, digits and . _ : - (1 to 64)');
export const AccountId = z.string().regex(ACCOUNT_ID_RE, 'letters, digits and . _ : @ - (1 to 128)');
/** UTC, whole seconds: 2024-05-01T12:00:00Z. */
export const UtcTime = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/, 'a UTC time such as 2024-05-01T12:00:00Z');
export const DateText = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD');
/** A billing period label as bills carry it: YYYY-MM or YYYY-MM-DD/YYYY-MM-DD (both days included). */
export const PeriodLabel = z.string().regex(/^\d{4}-\d{2}(-\d{2}\/\d{4}-\d{2}-\d{2})?$/, 'YYYY-MM or YYYY-MM-DD/YYYY-MM-DD');

/** Ed25519 public JWK (RFC 8037) with its meterproof role, as `meterproof keygen` writes it (no "d"). */
export const PublicJwkSchema = z
  .object({
    kty: z.literal('OKP'),
    crv: z.literal('Ed25519'),
    x: z.string().regex(/^[A-Za-z0-9_-]{43}$/, '32 bytes base64url'),
    kid: z.string().regex(/^[A-Za-z0-9_-]{43}$/),
    use: z.literal('sig'),
    meterproof_role: z.enum(['meter', 'provider', 'user']),
  })
  .strict();

/**
 * An account's billing cycle. `month` (the default): calendar months in the tariff's time zone, bills
 * labelled YYYY-MM. `days`: consecutive runs of `days` whole days from `anchor` (period k is anchor + k·days
 * to anchor + (k+1)·days − 1, labelled YYYY-MM-DD/YYYY-MM-DD). Only these periods are billable, so a run of
 * bills cannot leave a day out.
 */
export const BillingCycleSchema = z.union([
  z.object({ kind: z.literal('month') }).strict(),
  z.object({ kind: z.literal('days'), anchor: DateText, days: z.number().int().min(1).max(366) }).strict(),
]);

export const ErrorSchema = z
  .object({
    /** A stable code (docs/service.md), e.g. `request.schema`, `auth.token`, `records.fork`, `bill.period_accepted`. */
    error: z.string(),
    message: z.string(),
    detail: z.string().optional(),
  })
  .strict();
export type ApiError = z.infer<typeof ErrorSchema>;

// ---------------------------------------------------------------------------------------------------
// Provider-signed documents (context strings in src/service/signed.ts)

/**
 * A meter's registration: binds meter id, meter key, account, layout and billing cycle. The provider signs
 * "meterproof/v1/registration" ‖ 0x00 ‖ SHA-256(JCS(document without `signature`)), so an arbiter checks
 * the binding offline with the provider's public key.
 */
export const MeterRegistrationSchema = z
  .object({
    v: z.literal(1),
    type: z.literal('meterproof/meter-registration'),
    meter: MeterId,
    meterKey: PublicJwkSchema,
    account: AccountId,
    layout: LayoutSchema,
    cycle: BillingCycleSchema,
    issued: UtcTime,
    /** The provider key's kid. */
    kid: z.string().min(1).max(64),
    signature: Hex64,
  })
  .strict();
export type MeterRegistration = z.infer<typeof MeterRegistrationSchema>;

/** A user key registered to an account, signed the same way (context "meterproof/v1/user-registration"). */
export const UserRegistrationSchema = z
  .object({
    v: z.literal(1),
    type: z.literal('meterproof/user-registration'),
    account: AccountId,
    userKey: PublicJwkSchema,
    issued: UtcTime,
    kid: z.string().min(1).max(64),
    signature: Hex64,
  })
  .strict();
export type UserRegistration = z.infer<typeof UserRegistrationSchema>;

export const VerdictSchema = z.enum(['accepted', 'rejected']);

/**
 * The provider's receipt for a bill in a final state (context "meterproof/v1/receipt"): the bill digest
 * (SHA-256 of the full bill's JCS, which is also the bill id), the verdict, the fee (accepted only) or the
 * reason (rejected only), and the time of the verdict.
 */
export const ReceiptSchema = z
  .object({
    v: z.literal(1),
    type: z.literal('meterproof/receipt'),
    bill: Hex32,
    account: AccountId,
    meter: MeterId,
    period: z.string().max(32),
    verdict: VerdictSchema,
    fee: z.string().max(128).optional(),
    currency: z.string().regex(/^[A-Z]{3}$/).optional(),
    amountDue: z.string().max(128).optional(),
    reason: z.string().max(64).optional(),
    time: UtcTime,
    kid: z.string().min(1).max(64),
    signature: Hex64,
  })
  .strict();
export type Receipt = z.infer<typeof ReceiptSchema>;

/** A user's refusal of a disclosure request, signed with the user key (context "meterproof/v1/refusal"). */
export const RefusalSchema = z
  .object({
    v: z.literal(1),
    type: z.literal('meterproof/refusal'),
    request: z.string().uuid(),
    account: AccountId,
    /** The user key's kid (RFC 7638 thumbprint): a key registered to the account. */
    user: z.string().regex(/^[A-Za-z0-9_-]{43}$/),
    issued: UtcTime,
    reason: z.string().max(500).regex(/^[^\p{Cc}]*$/u).optional(),
    signature: Hex64,
  })
  .strict();
export type Refusal = z.infer<typeof RefusalSchema>;

// ---------------------------------------------------------------------------------------------------
// Provider key and tariffs

/** GET /v1/provider/key */
export const ProviderKeyResponse = z.object({ key: PublicJwkSchema }).strict();

/**
 * POST /v1/tariffs (provider): publish a signed tariff, in force from `from` (inclusive) to `to` (exclusive)
 * — dates in the tariff's time zone; a billing period is in force under a tariff when its first day is —
 * for the listed accounts, or for every account when `accounts` is absent. When several apply, the one
 * published last wins. Publishing the same signed tariff with the same terms twice is one publication.
 */
export const PublishTariffRequest = z
  .object({
    signedTariff: SignedTariffSchema,
    from: DateText,
    to: DateText.optional(),
    accounts: z.array(AccountId).min(1).max(10000).optional(),
  })
  .strict();

export const TariffSummary = z
  .object({
    /** The tariff digest (hex), its id in every URL. */
    digest: Hex32,
    id: z.string(),
    currency: z.string(),
    timezone: z.string(),
    from: DateText,
    to: DateText.optional(),
    accounts: z.array(AccountId).optional(),
    published: UtcTime,
  })
  .strict();
/** 201 (new) or 200 (already published) */
export const PublishTariffResponse = z.object({ tariff: TariffSummary }).strict();
/** GET /v1/tariffs */
export const ListTariffsResponse = z.object({ tariffs: z.array(TariffSummary) }).strict();
/** GET /v1/tariffs/{digest} */
export const FetchTariffResponse = z.object({ tariff: TariffSummary, signedTariff: SignedTariffSchema }).strict();
/** GET /v1/accounts/{account}/tariff?period=YYYY-MM (or a days label): the tariff in force; 404 `tariff.none` if none. */
export const InForceQuery = z.object({ period: PeriodLabel }).strict();
export const InForceResponse = FetchTariffResponse;

// ---------------------------------------------------------------------------------------------------
// Meters and accounts

/** POST /v1/meters (provider) */
export const RegisterMeterRequest = z
  .object({
    meter: MeterId,
    key: PublicJwkSchema,
    account: AccountId,
    layout: LayoutSchema,
    /** Default { kind: "month" }. */
    cycle: BillingCycleSchema.optional(),
  })
  .strict();
/** 201 (new) or 200 (the same registration again); 409 `meter.registered` for a different one. */
export const RegisterMeterResponse = z.object({ registration: MeterRegistrationSchema }).strict();
/** GET /v1/meters/{id}/registration */
export const MeterRegistrationResponse = RegisterMeterResponse;

/** POST /v1/accounts/{account}/user-keys (provider) */
export const RegisterUserKeyRequest = z.object({ key: PublicJwkSchema }).strict();
export const RegisterUserKeyResponse = z.object({ registration: UserRegistrationSchema }).strict();

/** GET /v1/accounts/{account} */
export const AccountResponse = z
  .object({
    account: AccountId,
    meters: z.array(MeterRegistrationSchema),
    users: z.array(UserRegistrationSchema),
  })
  .strict();

// ---------------------------------------------------------------------------------------------------
// Records

/** At most this many records in one batch (a month of 15-minute intervals fits). */
export const BATCH_MAX = 4096;

/**
 * POST /v1/meters/{id}/records: records as the meter's log holds them (each signed), consecutive. The
 * first record's `prev` is the hash of the record before it, which the service holds (or all zero for
 * seq 0). Records the service already holds, byte for byte, are skipped (an idempotent retry); a record
 * for a seq already held that differs is a fork: 409 `records.fork`, nothing appended, the batch kept as
 * tamper evidence.
 */
export const PushRecordsRequest = z
  .object({
    records: z.array(LogRecordSchema).min(1).max(BATCH_MAX),
  })
  .strict();
export const RecordsHead = z
  .object({
    meter: MeterId,
    /** The number of records held = the next seq expected (records start at seq 0). */
    next: z.number().int().min(0),
    /** The hash of the last record held (all zero when none). */
    lastHash: Hex32,
  })
  .strict();
/** 200: how many were appended now and what the service holds. */
export const PushRecordsResponse = z.object({ appended: z.number().int().min(0), duplicate: z.number().int().min(0), head: RecordsHead }).strict();
/** GET /v1/meters/{id}/records/head */
export const RecordsHeadResponse = RecordsHead;

/** A decimal integer in a query string (query values arrive as text). */
const QueryInt = (min: number, max: number) => z.string().regex(/^(0|[1-9]\d{0,15})$/, 'a decimal integer').transform(Number).pipe(z.number().int().min(min).max(max));

/**
 * GET /v1/meters/{id}/records?from=SEQ&count=N: up to N (1 to BATCH_MAX, default BATCH_MAX) held
 * records from seq `from` (default 0), as the meter's log holds them — commitments, hashes, signatures.
 * Public read, like the registration and the tariffs: the records are hiding commitments that reveal no
 * reading without their openings (which never leave the user's device), and the provider holds them
 * already; whoever reads them checks them against the registration's meter key, not the service's word.
 */
export const MeterRecordsQuery = z.object({ from: QueryInt(0, Number.MAX_SAFE_INTEGER).optional(), count: QueryInt(1, BATCH_MAX).optional() }).strict();
export const MeterRecordsResponse = z
  .object({
    meter: MeterId,
    /** The registered layout every record's hash includes (unit and register names, in commitment order). */
    layout: LayoutSchema,
    /** The hash of the record before the first one here (all zero for seq 0), a log file's `prev`. */
    prev: Hex32,
    /** Consecutive, from `from`; empty when `from` ≥ `next`. */
    records: z.array(LogRecordSchema).max(BATCH_MAX),
    /** The number of records held (= the next seq the meter pushes). */
    next: z.number().int().min(0),
  })
  .strict();

// ---------------------------------------------------------------------------------------------------
// Bills

/**
 * A compact bill: a full bill (BillSchema) whose `records` names the run the service holds instead of
 * carrying it. The service fills in prev, lastSignature, registers, layout and items from the records it
 * holds (and checked when they arrived); the proofs are the same as the full bill's. See src/bill/compact.ts.
 */
export const CompactRunSchema = CompactRecordsSchema;

/** POST /v1/bills: exactly one of the two forms. */
export const SubmitBillRequest = z
  .object({ bill: BillSchema.optional(), compact: CompactBillSchema.optional() })
  .strict()
  .refine((b) => (b.bill === undefined) !== (b.compact === undefined), { message: 'give exactly one of { bill } (a full bill) or { compact } (a compact bill)' });

export const BillState = z.enum(['queued', 'accepted', 'rejected']);

/** 202, only after the bill is durably stored. The same bill again → the same id (200 if already final). */
export const SubmitBillResponse = z
  .object({
    /** The bill digest, SHA-256 of the full bill's RFC 8785 JSON (hex). */
    id: Hex32,
    state: BillState,
  })
  .strict();

/** GET /v1/bills/{id} */
export const BillStatusResponse = z
  .object({
    id: Hex32,
    state: BillState,
    account: AccountId,
    meter: MeterId,
    period: z.string(),
    fee: z.string(),
    currency: z.string(),
    submitted: UtcTime,
    /** The verifier's reason code (rejected only), and its one-line detail. */
    reason: z.string().optional(),
    detail: z.string().optional(),
    /** Present once the bill is final. */
    receipt: ReceiptSchema.optional(),
  })
  .strict();

/**
 * GET /v1/bills/{id}/evidence (final bills): everything an arbiter needs to re-verify offline with
 * `meterproof bill verify --tariff signedTariff --provider-key providerKey --meter-key registration.meterKey
 * --bill bill`, and nothing else.
 */
export const EvidenceBundle = z
  .object({
    v: z.literal(1),
    type: z.literal('meterproof/evidence'),
    signedTariff: SignedTariffSchema,
    providerKey: PublicJwkSchema,
    registration: MeterRegistrationSchema,
    bill: BillSchema,
    receipt: ReceiptSchema,
  })
  .strict();

/** GET /v1/accounts/{account}/bills (provider): the account's bills, newest first. */
export const ListBillsResponse = z.object({ bills: z.array(BillStatusResponse) }).strict();

// ---------------------------------------------------------------------------------------------------
// Disclosures

/** POST /v1/disclosure-requests (provider) */
export const FileDisclosureRequest = z
  .object({
    account: AccountId,
    meter: MeterId,
    /** A disclosure query (src/disclosure/query.ts), validated with its schema. */
    query: z.unknown(),
    purpose: z.string().min(1).max(500).regex(/^[^\p{Cc}]*$/u, 'no control characters'),
    recipient: z.string().min(1).max(128).regex(/^[^\p{Cc}]*$/u, 'no control characters'),
  })
  .strict();

export const DisclosureRequestState = z.enum(['pending', 'disclosed', 'refused']);

export const DisclosureRequestView = z
  .object({
    id: z.string().uuid(),
    account: AccountId,
    meter: MeterId,
    query: z.unknown(),
    queryDigest: Hex32,
    purpose: z.string(),
    recipient: z.string(),
    state: DisclosureRequestState,
    filed: UtcTime,
    answered: UtcTime.optional(),
    /** The verified answers (disclosed only): what the provider learns. */
    answers: z.array(z.object({ label: z.string(), value: z.union([z.string(), z.boolean()]) }).passthrough()).optional(),
    refusal: RefusalSchema.optional(),
  })
  .strict();
/** 201 */
export const FileDisclosureResponse = z.object({ request: DisclosureRequestView }).strict();
/** GET /v1/accounts/{account}/disclosure-requests?state=pending (no credential: requests are not secret) */
export const ListDisclosureQuery = z.object({ state: DisclosureRequestState.optional() }).strict();
export const ListDisclosureResponse = z.object({ requests: z.array(DisclosureRequestView) }).strict();
/** GET /v1/disclosure-requests/{id} */
export const DisclosureRequestResponse = FileDisclosureResponse;
/**
 * POST /v1/disclosure-requests/{id}/response: a disclosure (verified against the request's query and
 * recipient, the meter's registered key and the account's user keys) or a signed refusal. 200 with the
 * updated request; 409 `disclosure.answered` if already answered differently; 422 with the verifier's reason.
 */
export const AnswerDisclosureRequest = z
  .object({ disclosure: DisclosureSchema.optional(), refusal: RefusalSchema.optional() })
  .strict()
  .refine((b) => (b.disclosure === undefined) !== (b.refusal === undefined), { message: 'give exactly one of { disclosure } or { refusal }' });
export const AnswerDisclosureResponse = FileDisclosureResponse;

// ---------------------------------------------------------------------------------------------------
// Health

export const HealthResponse = z.object({ ok: z.literal(true) }).strict();
export const ReadyResponse = z.object({ ok: z.boolean(), db: z.boolean(), queue: z.boolean() }).strict();

// ---------------------------------------------------------------------------------------------------
// Routes: method, path (Fastify syntax), auth, and the schemas. The server registers these; the OpenAPI
// document is generated from this table, so it cannot drift from what the handlers validate.

export interface RouteSpec {
  readonly method: 'GET' | 'POST';
  readonly path: string;
  readonly summary: string;
  readonly provider?: boolean;
  readonly body?: z.ZodType;
  readonly query?: z.ZodType;
  /** Success status → body schema. */
  readonly responses: Readonly<Record<number, z.ZodType>>;
}

export const ROUTES = {
  providerKey: { method: 'GET', path: '/v1/provider/key', summary: 'the provider public key', responses: { 200: ProviderKeyResponse } },
  publishTariff: { method: 'POST', path: '/v1/tariffs', summary: 'publish a signed tariff', provider: true, body: PublishTariffRequest, responses: { 200: PublishTariffResponse, 201: PublishTariffResponse } },
  listTariffs: { method: 'GET', path: '/v1/tariffs', summary: 'list published tariffs', responses: { 200: ListTariffsResponse } },
  fetchTariff: { method: 'GET', path: '/v1/tariffs/:digest', summary: 'fetch a signed tariff by digest', responses: { 200: FetchTariffResponse } },
  inForce: { method: 'GET', path: '/v1/accounts/:account/tariff', summary: 'the tariff in force for an account and period', query: InForceQuery, responses: { 200: InForceResponse } },
  registerMeter: { method: 'POST', path: '/v1/meters', summary: 'register a meter to an account', provider: true, body: RegisterMeterRequest, responses: { 200: RegisterMeterResponse, 201: RegisterMeterResponse } },
  meterRegistration: { method: 'GET', path: '/v1/meters/:meter/registration', summary: 'a meter registration', responses: { 200: MeterRegistrationResponse } },
  registerUserKey: { method: 'POST', path: '/v1/accounts/:account/user-keys', summary: 'register a user key to an account', provider: true, body: RegisterUserKeyRequest, responses: { 200: RegisterUserKeyResponse, 201: RegisterUserKeyResponse } },
  account: { method: 'GET', path: '/v1/accounts/:account', summary: 'an account: its meters and user keys', responses: { 200: AccountResponse } },
  pushRecords: { method: 'POST', path: '/v1/meters/:meter/records', summary: 'push a batch of signed records', body: PushRecordsRequest, responses: { 200: PushRecordsResponse } },
  meterRecords: { method: 'GET', path: '/v1/meters/:meter/records', summary: 'the signed records held for a meter (public: hiding commitments)', query: MeterRecordsQuery, responses: { 200: MeterRecordsResponse } },
  recordsHead: { method: 'GET', path: '/v1/meters/:meter/records/head', summary: 'the records held for a meter', responses: { 200: RecordsHeadResponse } },
  submitBill: { method: 'POST', path: '/v1/bills', summary: 'submit a bill (full or compact)', body: SubmitBillRequest, responses: { 200: SubmitBillResponse, 202: SubmitBillResponse } },
  billStatus: { method: 'GET', path: '/v1/bills/:id', summary: 'a bill state and receipt', responses: { 200: BillStatusResponse } },
  billEvidence: { method: 'GET', path: '/v1/bills/:id/evidence', summary: 'the evidence bundle of a final bill', responses: { 200: EvidenceBundle } },
  accountBills: { method: 'GET', path: '/v1/accounts/:account/bills', summary: 'the bills of an account', provider: true, responses: { 200: ListBillsResponse } },
  fileDisclosure: { method: 'POST', path: '/v1/disclosure-requests', summary: 'file a disclosure request', provider: true, body: FileDisclosureRequest, responses: { 201: FileDisclosureResponse } },
  listDisclosures: { method: 'GET', path: '/v1/accounts/:account/disclosure-requests', summary: 'the disclosure requests of an account', query: ListDisclosureQuery, responses: { 200: ListDisclosureResponse } },
  disclosureRequest: { method: 'GET', path: '/v1/disclosure-requests/:id', summary: 'a disclosure request', responses: { 200: DisclosureRequestResponse } },
  answerDisclosure: { method: 'POST', path: '/v1/disclosure-requests/:id/response', summary: 'answer a disclosure request', body: AnswerDisclosureRequest, responses: { 200: AnswerDisclosureResponse } },
  healthz: { method: 'GET', path: '/healthz', summary: 'liveness', responses: { 200: HealthResponse } },
  readyz: { method: 'GET', path: '/readyz', summary: 'readiness (database and queue)', responses: { 200: ReadyResponse } },
} as const satisfies Record<string, RouteSpec>;

/** Fills a route's `:params`: path(ROUTES.billStatus, { id }) → /v1/bills/ab12…. */
export function routePath(spec: { path: string }, params: Record<string, string> = {}): string {
  return spec.path.replace(/:([a-z]+)/g, (_, k: string) => {
    const v = params[k];
    if (v === undefined) throw new Error(`missing path parameter ${k}`);
    return encodeURIComponent(v);
  });
}

/**
 * Error codes besides the verifiers' reason codes (RejectReason, DisclosureRejectReason), with their
 * HTTP status. docs/service.md explains each.
 */
export const ERROR_STATUS = {
  'request.json': 400,
  'request.schema': 400,
  'request.too_large': 413,
  'request.media_type': 415,
  'request.not_found': 404,
  'auth.token': 401,
  'rate.limited': 429,
  'tariff.invalid': 422,
  'tariff.signature': 422,
  'tariff.unknown': 404,
  'tariff.none': 404,
  'meter.unknown': 404,
  'meter.registered': 409,
  'meter.key': 422,
  'account.unknown': 404,
  'records.fork': 409,
  'records.gap': 409,
  'records.chain': 422,
  'records.signature': 422,
  'records.meter': 422,
  'records.layout': 422,
  'records.unknown': 422,
  'bill.invalid': 422,
  'bill.unknown': 404,
  'bill.not_final': 409,
  'bill.period_accepted': 409,
  'bill.period_cycle': 422,
  'bill.period_open': 422,
  'disclosure.unknown': 404,
  'disclosure.answered': 409,
  'disclosure.invalid': 422,
  'refusal.signature': 422,
  'user.unknown': 422,
  'internal': 500,
} as const;
export type ServiceErrorCode = keyof typeof ERROR_STATUS;

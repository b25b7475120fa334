/**
 * Disclosure requests: the provider files one (which account and meter, the query, the purpose, the
 * recipient); the user's side lists the pending ones and answers each with a disclosure — verified here
 * against the request's query and recipient, the meter's registered key and a user key registered to
 * the account — or a refusal signed with such a user key. The service stores what was disclosed (the
 * answers the user consented to), never more.
 */
import type { FastifyInstance } from 'fastify';
import type { z } from 'zod';
import { ACCOUNT_ID_RE } from '../../bill/message.js';
import { toHex } from '../../core/bytes.js';
import { MeterproofError } from '../../core/errors.js';
import { canonicalJson } from '../../core/jcs.js';
import { parsePublicJwk } from '../../core/keys.js';
import { isoUtc } from '../../core/time.js';
import { parseQuery, queryDigest } from '../../disclosure/query.js';
import { verifyDisclosure } from '../../disclosure/verify.js';
import { ROUTES, type AnswerDisclosureRequest, type DisclosureRequestView, type FileDisclosureRequest, type ListDisclosureQuery, type MeterRegistration, type Refusal, type UserRegistration } from '../api.js';
import type { ServiceContext } from '../context.js';
import { ServiceError } from '../errors.js';
import { verifyDocument } from '../signed.js';
import { addRoute, json, param, type Authorize } from './route.js';

interface RequestRow {
  id: string;
  account: string;
  meter: string;
  query: unknown;
  query_digest: string;
  purpose: string;
  recipient: string;
  state: 'pending' | 'disclosed' | 'refused';
  filed: string;
  answered: string | null;
  answers: unknown;
  refusal: unknown;
  disclosure: unknown;
}

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function view(r: RequestRow): z.infer<typeof DisclosureRequestView> {
  return {
    id: r.id,
    account: r.account,
    meter: r.meter,
    query: json(r.query),
    queryDigest: r.query_digest,
    purpose: r.purpose,
    recipient: r.recipient,
    state: r.state,
    filed: r.filed,
    ...(r.answered !== null ? { answered: r.answered } : {}),
    ...(r.answers !== null ? { answers: json(r.answers) } : {}),
    ...(r.refusal !== null ? { refusal: json(r.refusal) } : {}),
  };
}

export function registerDisclosureRoutes(app: FastifyInstance, ctx: ServiceContext, authorize: Authorize): void {
  const load = async (id: string) => {
    const [row] = await ctx.db.query<RequestRow>('SELECT * FROM disclosure_requests WHERE id = $1', [id]);
    if (!row) throw new ServiceError('disclosure.unknown', `no disclosure request ${id}`);
    return row;
  };
  const now = () => isoUtc(Math.floor(ctx.now() / 1000));

  addRoute<z.infer<typeof FileDisclosureRequest>>(app, ROUTES.fileDisclosure, authorize, async ({ body }) => {
    const [m] = await ctx.db.query<{ account: string }>('SELECT account FROM meters WHERE meter = $1', [body.meter]);
    if (!m) throw new ServiceError('meter.unknown', `no meter ${body.meter} is registered`);
    if (m.account !== body.account) throw new ServiceError('account.mismatch', `meter ${body.meter} is not registered to account ${body.account}`, 422);
    let digest: string;
    try {
      digest = toHex(queryDigest(parseQuery(body.query)));
    } catch (e) {
      throw new ServiceError('request.schema', e instanceof MeterproofError ? e.message : 'body: query: not a disclosure query');
    }
    const id = globalThis.crypto.randomUUID();
    await ctx.db.query(
      "INSERT INTO disclosure_requests (id, account, meter, query, query_digest, purpose, recipient, state, filed) VALUES ($1, $2, $3, $4::jsonb, $5, $6, $7, 'pending', $8)",
      [id, body.account, body.meter, JSON.stringify(body.query), digest, body.purpose, body.recipient, now()],
    );
    return { status: 201, body: { request: view(await load(id)) } };
  });

  addRoute<unknown, z.infer<typeof ListDisclosureQuery>>(app, ROUTES.listDisclosures, authorize, async (r) => {
    const account = param(r, 'account', ACCOUNT_ID_RE);
    const rows = r.query.state
      ? await ctx.db.query<RequestRow>('SELECT * FROM disclosure_requests WHERE account = $1 AND state = $2 ORDER BY filed, id', [account, r.query.state])
      : await ctx.db.query<RequestRow>('SELECT * FROM disclosure_requests WHERE account = $1 ORDER BY filed, id', [account]);
    return { status: 200, body: { requests: rows.map(view) } };
  });

  addRoute(app, ROUTES.disclosureRequest, authorize, async (r) => {
    const id = param(r, 'id', UUID_RE);
    return { status: 200, body: { request: view(await load(id)) } };
  });

  addRoute<z.infer<typeof AnswerDisclosureRequest>>(app, ROUTES.answerDisclosure, authorize, async (r) => {
    const id = param(r, 'id', UUID_RE);
    const req = await load(id);
    const answer = canonicalJson(r.body);
    if (req.state !== 'pending') {
      const before = canonicalJson(req.state === 'refused' ? { refusal: json(req.refusal) } : { disclosure: json(req.disclosure) });
      if (before === answer) return { status: 200, body: { request: view(req) } };
      throw new ServiceError('disclosure.answered', `disclosure request ${id} was already answered (${req.state})`);
    }
    const userKey = async (kid: string) => {
      const [u] = await ctx.db.query<{ registration: unknown }>('SELECT registration FROM user_keys WHERE account = $1 AND kid = $2', [req.account, kid]);
      if (!u) throw new ServiceError('user.unknown', `no user key ${kid} is registered to account ${req.account}`);
      return parsePublicJwk(json<UserRegistration>(u.registration).userKey, 'user');
    };
    let update: { state: 'disclosed' | 'refused'; answers: unknown; refusal: unknown; disclosure: unknown };
    if ('refusal' in r.body) {
      const refusal: Refusal = r.body.refusal;
      if (refusal.request !== id || refusal.account !== req.account) throw new ServiceError('refusal.signature', 'the refusal names another request or account');
      if (!verifyDocument(refusal, await userKey(refusal.user))) throw new ServiceError('refusal.signature', 'the refusal is not signed by the user key it names');
      update = { state: 'refused', answers: null, refusal, disclosure: null };
    } else {
      const d = r.body.disclosure;
      if (d.consent.meter !== req.meter) throw new ServiceError('disclosure.invalid', `the disclosure is for meter ${d.consent.meter}, not ${req.meter}`, 422, 'meter.mismatch');
      const [m] = await ctx.db.query<{ registration: unknown }>('SELECT registration FROM meters WHERE meter = $1', [req.meter]);
      const result = verifyDisclosure({
        disclosure: d,
        meterKey: parsePublicJwk(json<MeterRegistration>(m!.registration).meterKey, 'meter'),
        userKey: await userKey(d.consent.user),
        recipient: req.recipient,
        query: json(req.query),
        now: Math.floor(ctx.now() / 1000),
      });
      if (!result.ok) throw new ServiceError('disclosure.invalid', `the disclosure does not verify: ${result.detail}`, 422, result.reason);
      update = { state: 'disclosed', answers: result.answers, refusal: null, disclosure: d };
    }
    const done = await ctx.db.query(
      "UPDATE disclosure_requests SET state = $2, answered = $3, answers = $4::jsonb, refusal = $5::jsonb, disclosure = $6::jsonb WHERE id = $1 AND state = 'pending' RETURNING id",
      [id, update.state, now(), update.answers === null ? null : JSON.stringify(update.answers), update.refusal === null ? null : JSON.stringify(update.refusal), update.disclosure === null ? null : JSON.stringify(update.disclosure)],
    );
    if (done.length === 0) throw new ServiceError('disclosure.answered', `disclosure request ${id} was answered meanwhile`);
    return { status: 200, body: { request: view(await load(id)) } };
  });
}

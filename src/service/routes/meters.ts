/**
 * Meters and accounts: the provider registers a meter (id, key, layout, billing cycle) to an account,
 * and users' keys to accounts; each registration comes back signed by the provider, so an arbiter can
 * check the binding offline (signed.ts). Registering the same thing twice is one registration; the same
 * meter id with anything else is refused (409 meter.registered): a meter's key is never silently replaced.
 */
import type { FastifyInstance } from 'fastify';
import type { z } from 'zod';
import { ACCOUNT_ID_RE } from '../../bill/message.js';
import { canonicalJson } from '../../core/jcs.js';
import { MeterproofError } from '../../core/errors.js';
import { parsePublicJwk, publicJwk, type PublicKey, type Role } from '../../core/keys.js';
import { isoUtc } from '../../core/time.js';
import { METER_ID_RE } from '../../meter/record.js';
import { ROUTES, type MeterRegistration, type RegisterMeterRequest, type RegisterUserKeyRequest, type UserRegistration } from '../api.js';
import type { ServiceContext } from '../context.js';
import { ServiceError } from '../errors.js';
import { signDocument } from '../signed.js';
import { ZERO_HASH } from '../store/records.js';
import { addRoute, json, param, type Authorize } from './route.js';

export function readKey(jwk: unknown, role: Role): PublicKey {
  let k: PublicKey;
  try {
    k = parsePublicJwk(jwk, undefined, 'key');
  } catch (e) {
    throw new ServiceError('request.schema', e instanceof MeterproofError ? e.message : 'not a public key');
  }
  if (k.role !== role) throw new ServiceError('meter.key', `a ${role} key is needed here, not a ${k.role} key`);
  if ((jwk as { kid?: unknown }).kid !== k.kid) throw new ServiceError('request.schema', 'body: key.kid: not the RFC 7638 thumbprint of the key');
  return k;
}

const now = (ctx: ServiceContext) => isoUtc(Math.floor(ctx.now() / 1000));

export function registerMeterRoutes(app: FastifyInstance, ctx: ServiceContext, authorize: Authorize): void {
  addRoute<z.infer<typeof RegisterMeterRequest>>(app, ROUTES.registerMeter, authorize, async ({ body }) => {
    const key = readKey(body.key, 'meter');
    const cycle = body.cycle ?? { kind: 'month' as const };
    const terms = (r: Pick<MeterRegistration, 'meterKey' | 'account' | 'layout' | 'cycle'>) => canonicalJson({ x: r.meterKey.x, account: r.account, layout: r.layout, cycle: r.cycle });
    const registration = signDocument<MeterRegistration>(
      { v: 1, type: 'meterproof/meter-registration', meter: body.meter, meterKey: publicJwk(key), account: body.account, layout: body.layout, cycle, issued: now(ctx), kid: ctx.providerKey.kid },
      ctx.providerKey,
    );
    const ins = await ctx.db.query('INSERT INTO meters (meter, account, key_x, registration, last_hash) VALUES ($1, $2, $3, $4::jsonb, $5) ON CONFLICT (meter) DO NOTHING RETURNING meter', [
      body.meter,
      body.account,
      registration.meterKey.x,
      JSON.stringify(registration),
      ZERO_HASH,
    ]);
    if (ins.length === 1) return { status: 201, body: { registration } };
    const [row] = await ctx.db.query<{ registration: unknown }>('SELECT registration FROM meters WHERE meter = $1', [body.meter]);
    const held = json<MeterRegistration>(row!.registration);
    if (terms(held) !== terms(registration)) {
      throw new ServiceError('meter.registered', `meter ${body.meter} is already registered with another key, account, layout or billing cycle`);
    }
    return { status: 200, body: { registration: held } };
  });

  addRoute(app, ROUTES.meterRegistration, authorize, async (r) => {
    const meter = param(r, 'meter', METER_ID_RE);
    const [row] = await ctx.db.query<{ registration: unknown }>('SELECT registration FROM meters WHERE meter = $1', [meter]);
    if (!row) throw new ServiceError('meter.unknown', `no meter ${meter} is registered`);
    return { status: 200, body: { registration: json(row.registration) } };
  });

  addRoute<z.infer<typeof RegisterUserKeyRequest>>(app, ROUTES.registerUserKey, authorize, async (r) => {
    const account = param(r, 'account', ACCOUNT_ID_RE);
    const key = readKey(r.body.key, 'user');
    const [has] = await ctx.db.query('SELECT 1 FROM meters WHERE account = $1 LIMIT 1', [account]);
    if (!has) throw new ServiceError('account.unknown', `no meter is registered to account ${account}`);
    const registration = signDocument<UserRegistration>(
      { v: 1, type: 'meterproof/user-registration', account, userKey: publicJwk(key), issued: now(ctx), kid: ctx.providerKey.kid },
      ctx.providerKey,
    );
    const ins = await ctx.db.query('INSERT INTO user_keys (account, kid, registration) VALUES ($1, $2, $3::jsonb) ON CONFLICT (account, kid) DO NOTHING RETURNING kid', [
      account,
      key.kid,
      JSON.stringify(registration),
    ]);
    if (ins.length === 1) return { status: 201, body: { registration } };
    const [row] = await ctx.db.query<{ registration: unknown }>('SELECT registration FROM user_keys WHERE account = $1 AND kid = $2', [account, key.kid]);
    return { status: 200, body: { registration: json(row!.registration) } };
  });

  addRoute(app, ROUTES.account, authorize, async (r) => {
    const account = param(r, 'account', ACCOUNT_ID_RE);
    const meters = await ctx.db.query<{ registration: unknown }>('SELECT registration FROM meters WHERE account = $1 ORDER BY meter', [account]);
    if (meters.length === 0) throw new ServiceError('account.unknown', `no meter is registered to account ${account}`);
    const users = await ctx.db.query<{ registration: unknown }>('SELECT registration FROM user_keys WHERE account = $1 ORDER BY kid', [account]);
    return { status: 200, body: { account, meters: meters.map((m) => json(m.registration)), users: users.map((u) => json(u.registration)) } };
  });
}

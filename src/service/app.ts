/**
 * The Fastify application: plugins (CORS for the browser app, per-client rate limits), body limits,
 * one error shape ({ error, message, detail? } with stable codes), the provider token check, and the
 * routes, one file per resource. No Node built-in here: the CLI (src/cli/commands/serve.ts) reads files
 * and environment and passes what it found.
 */
import cors from '@fastify/cors';
import rateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { sha256 } from '../core/hash.js';
import { utf8 } from '../core/bytes.js';
import type { ServiceContext } from './context.js';
import { ServiceError } from './errors.js';
import { registerBillRoutes } from './routes/bills.js';
import { registerDisclosureRoutes } from './routes/disclosures.js';
import { registerHealthRoutes } from './routes/health.js';
import { registerMeterRoutes } from './routes/meters.js';
import { registerRecordRoutes } from './routes/records.js';
import { registerTariffRoutes } from './routes/tariffs.js';
import { publicJwk } from '../core/keys.js';
import { ROUTES } from './api.js';
import { addRoute } from './routes/route.js';

export interface AppOptions {
  /** The provider API token; provider operations need `Authorization: Bearer <token>`. */
  readonly token: string;
  /** Largest request body, bytes (default 8 MiB: a batch of 4096 records, or a full-form month bill, fits). */
  readonly bodyLimit?: number;
  /** Requests per client per minute; 0 turns limits off (loopback load tests). Default 1200. */
  readonly rateLimit?: number;
  /** Origins allowed by CORS (the user app); default none. `true` allows any. */
  readonly corsOrigins?: readonly string[] | true;
  /** Fastify's logger options (pino). Requests are logged by method, URL and status; bodies never. */
  readonly logger?: FastifyServerOptions['logger'];
}

/** Constant time in the token: compares SHA-256 digests of both, every byte. */
export function tokenMatches(given: string, expected: string): boolean {
  const a = sha256(utf8(given));
  const b = sha256(utf8(expected));
  let d = 0;
  for (let i = 0; i < 32; i++) d |= a[i]! ^ b[i]!;
  return d === 0 && expected.length > 0;
}

const FASTIFY_CODES: Record<string, [string, number]> = {
  FST_ERR_CTP_BODY_TOO_LARGE: ['request.too_large', 413],
  FST_ERR_CTP_INVALID_MEDIA_TYPE: ['request.media_type', 415],
  FST_ERR_CTP_EMPTY_JSON_BODY: ['request.json', 400],
  FST_ERR_CTP_INVALID_JSON_BODY: ['request.json', 400],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: ['request.json', 400],
};

export async function buildApp(ctx: ServiceContext, o: AppOptions): Promise<FastifyInstance> {
  if (o.token.length < 16) throw new ServiceError('auth.token', 'the provider token must have at least 16 characters', 500);
  const app = Fastify({
    bodyLimit: o.bodyLimit ?? 8 * 1024 * 1024,
    logger: o.logger ?? false,
    // Prototype poisoning in JSON bodies is refused outright.
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
    return503OnClosing: true,
  });
  const authorize = (req: { headers: Record<string, unknown> }) => {
    const h = req.headers.authorization;
    if (typeof h !== 'string' || !h.startsWith('Bearer ')) return false;
    return tokenMatches(h.slice(7), o.token);
  };

  await app.register(cors, { origin: o.corsOrigins === true ? true : [...(o.corsOrigins ?? [])], methods: ['GET', 'POST'], allowedHeaders: ['content-type', 'authorization'] });
  if ((o.rateLimit ?? 1200) > 0) {
    await app.register(rateLimit, {
      max: o.rateLimit ?? 1200,
      timeWindow: 60_000,
      errorResponseBuilder: (_req, c) => new ServiceError('rate.limited', `too many requests: at most ${c.max} a minute from one client; retry after ${c.after}`, 429),
    });
  }

  app.setErrorHandler((err, req, reply) => {
    if (err instanceof ServiceError) {
      if (err.status >= 500) req.log.error({ code: err.code }, err.message);
      return reply.code(err.status).send({ error: err.code, message: err.message, ...(err.detail !== undefined ? { detail: err.detail } : {}) });
    }
    const e = err as { code?: string; statusCode?: number; message?: string };
    const known = e.code !== undefined ? FASTIFY_CODES[e.code] : undefined;
    if (known) return reply.code(known[1]).send({ error: known[0], message: e.message ?? known[0] });
    if (err instanceof SyntaxError || (e.statusCode === 400 && /JSON/i.test(e.message ?? ''))) {
      return reply.code(400).send({ error: 'request.json', message: 'the body is not valid JSON' });
    }
    if (e.statusCode === 400 && /(proto|constructor)/i.test(e.message ?? '')) return reply.code(400).send({ error: 'request.json', message: 'the body has a forbidden property name' });
    if (e.statusCode === 429) return reply.code(429).send({ error: 'rate.limited', message: 'too many requests' });
    if (typeof e.statusCode === 'number' && e.statusCode >= 400 && e.statusCode < 500) return reply.code(e.statusCode).send({ error: 'request.schema', message: e.message ?? 'bad request' });
    // Never the stack or the body: only that it happened.
    req.log.error({ code: e.code ?? 'internal' }, 'internal error');
    return reply.code(500).send({ error: 'internal', message: 'internal error' });
  });
  app.setNotFoundHandler((req, reply) => reply.code(404).send({ error: 'request.not_found', message: `no route ${req.method} ${req.url.split('?')[0]}` }));

  addRoute(app, ROUTES.providerKey, authorize, async () => ({ status: 200, body: { key: publicJwk(ctx.providerPublic) } }));
  registerTariffRoutes(app, ctx, authorize);
  registerMeterRoutes(app, ctx, authorize);
  registerRecordRoutes(app, ctx, authorize);
  registerBillRoutes(app, ctx, authorize);
  registerDisclosureRoutes(app, ctx, authorize);
  registerHealthRoutes(app, ctx, authorize);
  return app;
}

/**
 * Registering a route from its spec in api.ts: the body and query are validated with the spec's zod
 * schemas (strict: unknown fields are refused), provider routes check the bearer token first, and the
 * handler returns a status and a body. Errors are ServiceErrors, answered by app.ts's error handler.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { RouteSpec } from '../api.js';
import { ServiceError } from '../errors.js';
import { parse } from '../validate.js';

export interface Req<B = unknown, Q = unknown> {
  readonly body: B;
  readonly query: Q;
  readonly params: Record<string, string>;
  readonly raw: FastifyRequest;
}

export interface Res {
  readonly status: number;
  readonly body: unknown;
  readonly type?: string;
}

export type Authorize = (req: FastifyRequest) => boolean;

export function addRoute<B = unknown, Q = unknown>(app: FastifyInstance, spec: RouteSpec, authorize: Authorize, handler: (r: Req<B, Q>) => Promise<Res>): void {
  app.route({
    method: spec.method,
    url: spec.path,
    handler: async (req, reply) => {
      if (spec.provider && !authorize(req)) throw new ServiceError('auth.token', 'this is a provider operation: send Authorization: Bearer <provider token>');
      const body = spec.body ? parse(spec.body, req.body, 'body') : undefined;
      const query = spec.query ? parse(spec.query, req.query ?? {}, 'query') : undefined;
      const r = await handler({ body: body as B, query: query as Q, params: req.params as Record<string, string>, raw: req });
      reply.code(r.status);
      if (r.type) reply.type(r.type);
      return r.body;
    },
  });
}

/** A path parameter checked against a pattern: `request.schema` when it does not fit. */
export function param(r: Req<unknown, unknown>, name: string, re: RegExp): string {
  const v = r.params[name];
  if (typeof v !== 'string' || !re.test(v)) throw new ServiceError('request.schema', `path: ${name}: not a valid ${name}`);
  return v;
}

/** JSON columns come back parsed from pg and PGlite alike; text if a driver did not parse them. */
export const json = <T>(v: unknown): T => (typeof v === 'string' ? (JSON.parse(v) as T) : (v as T));

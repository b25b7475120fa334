/** Liveness, readiness (the database answers, the queue runs), Prometheus metrics and the OpenAPI document. */
import type { FastifyInstance } from 'fastify';
import { ROUTES } from '../api.js';
import type { ServiceContext } from '../context.js';
import { openApiDocument } from '../openapi.js';
import { addRoute, type Authorize } from './route.js';

export function registerHealthRoutes(app: FastifyInstance, ctx: ServiceContext, authorize: Authorize): void {
  addRoute(app, ROUTES.healthz, authorize, async () => ({ status: 200, body: { ok: true } }));
  addRoute(app, ROUTES.readyz, authorize, async () => {
    const db = await ctx.db.query('SELECT 1').then(
      () => true,
      () => false,
    );
    const queue = await ctx.queue.ready();
    return { status: db && queue ? 200 : 503, body: { ok: db && queue, db, queue } };
  });
  const doc = openApiDocument();
  app.get('/openapi.json', async () => doc);
  app.get('/metrics', async (_req, reply) => {
    reply.type(ctx.metrics.registry.contentType);
    return ctx.metrics.registry.metrics();
  });
}

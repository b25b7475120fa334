/**
 * Serves the user's app and the provider's dashboard (app/dist, built by `npm run app:build`) from the
 * provider service, at /app/ (the user app) and /app/dashboard.html, with / redirecting to /app/. The
 * app's files are static and relative (vite `base: './'`), so the same app/dist works from any web
 * server too; served from here, the app talks to the API on its own origin and needs no CORS.
 *
 * Wiring (src/cli/commands/serve.ts, after buildApp): `await registerAppStatic(app, { root })`, where
 * root is app/dist next to the package (fileURLToPath(new URL('../../../app/dist', import.meta.url))
 * from dist/cli/commands/serve.js). A missing app/dist is not an error: the API runs without the app.
 *
 * Caching: index.html and dashboard.html are revalidated each time (no-cache); the hashed assets under
 * assets/ never change for a name, so they may be cached for a year (immutable).
 */
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

export interface AppStaticOptions {
  /** Absolute path of the built app (app/dist). */
  readonly root: string;
  /** URL prefix; default /app/. */
  readonly prefix?: string;
}

export async function registerAppStatic(app: FastifyInstance, o: AppStaticOptions): Promise<void> {
  const prefix = o.prefix ?? '/app/';
  await app.register(fastifyStatic, {
    root: o.root,
    prefix,
    index: ['index.html'],
    redirect: true,
    wildcard: true,
    decorateReply: false,
    cacheControl: false,
    setHeaders: (res, path) => {
      res.setHeader('cache-control', /[\\/]assets[\\/]/.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache');
      // The app runs only its own scripts and workers (WebAssembly compiled from an embedded module), and
      // talks only to this origin: a content security policy says so to the browser.
      res.setHeader('content-security-policy', "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; worker-src 'self' blob:; connect-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'");
      res.setHeader('x-content-type-options', 'nosniff');
      res.setHeader('referrer-policy', 'no-referrer');
    },
  });
  app.get('/', async (_req, reply) => reply.redirect(prefix));
}

/**
 * `npm run app`: the embedded provider service with the user's app and the provider's dashboard, ready
 * for the demo data. Builds nothing itself (the npm script builds app/dist and this file first).
 *
 *   PORT (default 8080), HOST (127.0.0.1), MP_PROVIDER_TOKEN (default: a random one, printed),
 *   MP_DATA_DIR (PGlite's data directory; default in memory: the demo starts afresh each time).
 *
 * The provider's key is made at start (a fresh demo provider each run, unless MP_DATA_DIR keeps one in
 * provider.key.json there). CORS allows the Vite dev server (npm run app:dev) on :5173.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateKey, parseSecretJwk } from '../src/core/keys.js';
import { startDemoService } from './demo-service.js';

const here = fileURLToPath(new URL('.', import.meta.url));
// Bundled to app/dist-server/serve.mjs: the repository is two levels up, the app in app/dist.
const root = join(here, '..', '..');
const dist = join(root, 'app', 'dist');
if (!existsSync(join(dist, 'index.html'))) {
  console.error('app/dist is missing: run `npm run app:build` first (npm run app does).');
  process.exit(2);
}
const dataDir = process.env.MP_DATA_DIR;
let providerJwk = generateKey('provider').secret;
if (dataDir) {
  mkdirSync(dataDir, { recursive: true });
  const f = join(dataDir, 'provider.key.json');
  if (existsSync(f)) providerJwk = JSON.parse(readFileSync(f, 'utf8'));
  else writeFileSync(f, JSON.stringify(providerJwk), { mode: 0o600 });
}
const token = process.env.MP_PROVIDER_TOKEN ?? randomBytes(18).toString('base64url');
const port = Number(process.env.PORT ?? 8080);
const host = process.env.HOST ?? '127.0.0.1';
const svc = await startDemoService({ root, dist, port, host, token, providerKey: parseSecretJwk(providerJwk), ...(dataDir ? { dataDir: join(dataDir, 'db') } : {}), corsOrigins: ['http://localhost:5173', 'http://127.0.0.1:5173'] });
console.log(`meterproof app on the embedded service (PGlite${dataDir ? ` in ${dataDir}` : ', in memory'})

  user app:            ${svc.url}/app/          (Load my data -> "Load the demo data", then Provider -> Connect)
  provider dashboard:  ${svc.url}/app/dashboard.html
  provider token:      ${token}
  API:                 ${svc.url}/openapi.json

The demo meter (simulated in the browser) is registered to account demo-account; the demo tariff is in
force from 2011. To answer disclosure requests, paste the user key shown on the app's Provider page into
the dashboard's "Register a user key". Ctrl-C stops.`);
const stop = async () => {
  await svc.close();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());

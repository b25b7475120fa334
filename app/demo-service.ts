/**
 * The embedded provider service for `npm run app` (serve.ts) and the app's tests: PGlite (in memory, or a
 * data directory), one verifier in process, app/dist served at /app/ (src/service/plugins/app-static.ts).
 * Set up as the demo needs:
 * the demo meter (whose key comes from the demo's public seed) registered to demo-account, and the two
 * demo tariffs signed by the provider's key and in force from 2011.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ServiceClient } from '../src/agent/client.js';
import { generateKey, parseSecretJwk, type PublicJwk, type SecretKey } from '../src/core/keys.js';
import { seededRng } from '../src/core/rng.js';
import { useNodeEd25519 } from '../src/node/ed25519.js';
import { buildApp } from '../src/service/app.js';
import { registerAppStatic } from '../src/service/plugins/app-static.js';
import { openService } from '../src/service/service.js';
import { signTariff } from '../src/tariff/signed.js';
import { DEMO_ACCOUNT, DEMO_METER, demoMeterKey, demoTariffs } from './src/demo-data.js';

export const TEST_TOKEN = 'app-test-provider-token-0123456789';

export interface DemoService {
  url: string;
  /** The provider's client (with the token). */
  provider: ServiceClient;
  close(): Promise<void>;
}

export interface DemoServiceOptions {
  /** The repository root (demo/data/ is read from it) and the built app (app/dist). */
  readonly root: string;
  readonly dist: string;
  readonly port?: number;
  readonly host?: string;
  readonly token?: string;
  /** PGlite's data directory; in memory without one. */
  readonly dataDir?: string;
  /** The provider's key; by default one from a fixed test seed. */
  readonly providerKey?: SecretKey;
  /** Origins allowed by CORS (the app served elsewhere, e.g. `npm run app:dev` on :5173). */
  readonly corsOrigins?: readonly string[];
}

export async function startDemoService(o: DemoServiceOptions): Promise<DemoService> {
  // As `meterproof serve` does: node:crypto's Ed25519 (the meter's record signatures are most of ingestion).
  useNodeEd25519();
  const token = o.token ?? TEST_TOKEN;
  const providerKey = o.providerKey ?? parseSecretJwk(generateKey('provider', seededRng('app-test/provider')).secret);
  const svc = await openService({ providerKey, workers: 1, ...(o.dataDir ? { dataDir: o.dataDir } : {}) });
  const app = await buildApp(svc.ctx, { token, rateLimit: 0, ...(o.corsOrigins ? { corsOrigins: o.corsOrigins } : {}) });
  await registerAppStatic(app, { root: o.dist });
  await app.listen({ port: o.port ?? 0, host: o.host ?? '127.0.0.1' });
  const port = (app.server.address() as { port: number }).port;
  const url = `http://127.0.0.1:${port}`;
  const provider = new ServiceClient({ baseUrl: url, token });
  await provider.registerMeter({ meter: DEMO_METER, key: demoMeterKey().public as PublicJwk, account: DEMO_ACCOUNT, layout: { unit: 'Wh', registers: ['import'] } });
  const urdb = JSON.parse(readFileSync(join(o.root, 'demo/data/residential-tou.urdb.json'), 'utf8')) as unknown;
  // Published in this order, the plain time-of-use tariff last: it is the one in force for every account.
  const [tou, demand] = demoTariffs(urdb);
  await provider.publishTariff(signTariff(demand!, providerKey), { from: '2011-01-01', accounts: ['demand-account'] });
  await provider.publishTariff(signTariff(tou!, providerKey), { from: '2011-01-01' });
  return {
    url,
    provider,
    close: async () => {
      await app.close();
      await svc.stop();
    },
  };
}

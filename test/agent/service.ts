/** A real provider service in this process (PGlite in memory, one worker) on a loopback port, for the agent's tests. */
import { buildApp } from '../../src/service/app.js';
import { openService } from '../../src/service/service.js';
import { ServiceClient, type FetchLike } from '../../src/agent/client.js';
import type { SecretKey } from '../../src/core/keys.js';

export const TOKEN = 'test-provider-token-0123456789';

export async function startService(providerKey: SecretKey) {
  const service = await openService({ providerKey, workers: 1, leaseMs: 5_000 });
  const app = await buildApp(service.ctx, { token: TOKEN, rateLimit: 0 });
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  return {
    url,
    provider: new ServiceClient({ baseUrl: url, token: TOKEN }),
    async stop() {
      await app.close();
      await service.stop();
    },
  };
}

export interface Recorded {
  readonly method: string;
  readonly url: string;
  readonly headers: Record<string, string>;
  readonly body?: string;
}

/** The global fetch, recording every request it sends. */
export function recordingFetch(log: Recorded[]): FetchLike {
  return async (url, init) => {
    log.push({ method: init.method, url, headers: init.headers, ...(init.body !== undefined ? { body: init.body } : {}) });
    const res = await fetch(url, init);
    return { status: res.status, text: () => res.text() };
  };
}

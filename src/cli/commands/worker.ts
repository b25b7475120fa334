/**
 * `meterproof worker`: a stateless verifier. It takes verification jobs from the database (pg-boss on
 * PostgreSQL), verifies each bill and stores the verdict with a signed receipt. Run as many as you
 * like, on any machines, against one database; kill one at any moment and its job is retried.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Command } from 'commander';
import { MeterproofError } from '../../core/errors.js';
import { loadSecretKey, out, UsageError } from '../common.js';
import { intOption, onSignals } from './serve.js';

export function register(program: Command): void {
  program
    .command('worker')
    .description('verify submitted bills from the provider database (PostgreSQL); run one or many')
    .requiredOption('--provider-key <file>', "the provider's secret key (signs receipts)")
    .option('--db <url>', 'PostgreSQL connection string (or MP_DATABASE_URL)')
    .option('--concurrency <n>', 'bills verified at once in this process', '1')
    .option('--queue <kind>', 'pg-boss (default) or table', 'pg-boss')
    .option('--lease-ms <ms>', 'how soon a bill whose verifier died is verified again', '30000')
    .option('--metrics-port <n>', "serve this process's Prometheus metrics at http://<host>:<n>/metrics (0: any free port)")
    .option('--metrics-host <addr>', 'the address the metrics listen on', '127.0.0.1')
    .addHelpText('after', '\nExample:\n  meterproof worker --provider-key provider.key.json --db postgres://postgres@127.0.0.1/mp --concurrency 2 --metrics-port 9464')
    .action(async (o: { providerKey: string; db?: string; concurrency: string; queue: string; leaseMs: string; metricsPort?: string; metricsHost: string }) => {
      const database = o.db ?? (process.env.MP_DATABASE_URL || undefined);
      if (database === undefined) throw new UsageError('--db (or MP_DATABASE_URL): workers share a PostgreSQL database; on PGlite, `meterproof serve` verifies in process');
      if (o.queue !== 'pg-boss' && o.queue !== 'table') throw new UsageError('--queue: pg-boss or table');
      const metricsPort = o.metricsPort === undefined ? undefined : intOption(o.metricsPort, '--metrics-port', 0);
      if (metricsPort !== undefined && metricsPort > 65535) throw new UsageError('--metrics-port: a port from 0 to 65535');
      const { openService } = await import('../../service/service.js');
      const service = await openService({
        providerKey: loadSecretKey(o.providerKey, 'provider'),
        database,
        queue: o.queue,
        workers: intOption(o.concurrency, '--concurrency', 1),
        leaseMs: intOption(o.leaseMs, '--lease-ms', 1000),
      }).catch((e: unknown) => {
        throw new MeterproofError('service.start', `cannot open the database: ${e instanceof Error ? e.message : String(e)}`);
      });
      out(`meterproof worker verifying (queue ${service.ctx.queue.kind}, concurrency ${o.concurrency})`);
      // The same registry `serve` exposes: this process's verification latency and verdict counters, and
      // the bill and queue gauges read from the shared database at scrape time.
      const metrics = metricsPort === undefined ? undefined : await serveMetrics(service.ctx.metrics.registry, o.metricsHost, metricsPort);
      if (metrics) out(`metrics at ${metrics.url}`);
      onSignals(async () => {
        await metrics?.close();
        await service.stop();
      });
    });
}

/** GET /metrics in Prometheus' text format; anything else 404. Resolves once listening. */
async function serveMetrics(registry: { metrics(): Promise<string>; contentType: string }, host: string, port: number): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer((req, res) => {
    if (req.method !== 'GET' || (req.url ?? '').split('?')[0] !== '/metrics') {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found: the metrics are at /metrics\n');
      return;
    }
    registry.metrics().then(
      (body) => res.writeHead(200, { 'content-type': registry.contentType }).end(body),
      () => res.writeHead(500, { 'content-type': 'text/plain' }).end('metrics unavailable\n'),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (e) => reject(new MeterproofError('service.start', `cannot listen for metrics on ${host}:${port}: ${e.message}`)));
    server.listen(port, host, () => resolve());
  });
  const a = server.address() as AddressInfo;
  const shown = a.family === 'IPv6' ? `[${a.address}]` : a.address;
  return { url: `http://${shown}:${a.port}/metrics`, close: () => new Promise((r) => server.close(() => r())) };
}

/**
 * `meterproof serve`: the provider service over HTTP (src/service). PGlite on a data directory by
 * default, so it needs nothing installed; `--db postgres://…` for PostgreSQL, where any number of
 * `meterproof worker` processes verify bills from the same database.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { MeterproofError } from '../../core/errors.js';
import { loadSecretKey, out, UsageError } from '../common.js';

/** The provider token: MP_PROVIDER_TOKEN, or the first line of --token-file. Never printed. */
export function providerToken(file: string | undefined): string {
  const t = file !== undefined ? readFileSync(file, 'utf8').split(/\r?\n/)[0]!.trim() : (process.env.MP_PROVIDER_TOKEN ?? '');
  if (t.length < 16) throw new UsageError('the provider token (MP_PROVIDER_TOKEN or --token-file) must have at least 16 characters');
  return t;
}

export function intOption(v: string, name: string, min: number): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < min) throw new UsageError(`${name}: a whole number ≥ ${min}`);
  return n;
}

/** Stops cleanly on SIGINT/SIGTERM: stop accepting, let jobs in hand finish, close the database. */
export function onSignals(stop: () => Promise<void>): void {
  let stopping = false;
  const handler = () => {
    if (stopping) process.exit(1);
    stopping = true;
    stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
}

export function register(program: Command): void {
  program
    .command('serve')
    .description('run the provider service: meters push records, anyone submits bills, workers verify them')
    .requiredOption('--provider-key <file>', "the provider's secret key (signs registrations and receipts)")
    .option('--db <url>', 'PostgreSQL connection string (default: PGlite in --data; or MP_DATABASE_URL)')
    .option('--data <dir>', 'PGlite data directory', 'meterproof-data')
    .option('--token-file <file>', 'file whose first line is the provider API token (default: MP_PROVIDER_TOKEN)')
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--port <n>', 'port to listen on (0: any free port)', '8080')
    .option('--workers <n>', 'verifier loops in this process (0 on PostgreSQL: leave it to `meterproof worker`)', '1')
    .option('--queue <kind>', 'pg-boss (PostgreSQL default) or table (PGlite; PostgreSQL optional)')
    .option('--body-limit <bytes>', 'largest request body', String(8 * 1024 * 1024))
    .option('--rate-limit <n>', 'requests per client per minute (0: off)', '1200')
    .option('--cors <origins>', 'comma-separated origins the browser app is served from')
    .option('--lease-ms <ms>', 'how soon a bill whose verifier died is verified again', '30000')
    .option('--log', 'log requests (method, URL, status; never bodies) as JSON lines on stderr')
    .addHelpText(
      'after',
      `
Examples:
  MP_PROVIDER_TOKEN=$(openssl rand -hex 24) meterproof serve --provider-key keys/provider.key.json --data ./mp-data
  meterproof serve --provider-key provider.key.json --token-file token --db postgres://postgres@127.0.0.1/mp --workers 0
  meterproof worker --provider-key provider.key.json --db postgres://postgres@127.0.0.1/mp --concurrency 2`,
    )
    .action(async (o: { providerKey: string; db?: string; data: string; tokenFile?: string; host: string; port: string; workers: string; queue?: string; bodyLimit: string; rateLimit: string; cors?: string; leaseMs: string; log?: boolean }) => {
      if (o.queue !== undefined && o.queue !== 'pg-boss' && o.queue !== 'table') throw new UsageError('--queue: pg-boss or table');
      const token = providerToken(o.tokenFile);
      const key = loadSecretKey(o.providerKey, 'provider');
      const database = o.db ?? (process.env.MP_DATABASE_URL || undefined);
      // Loaded here, not at the top: every other command starts without Fastify, PGlite and pg-boss.
      const { openService } = await import('../../service/service.js');
      const { buildApp } = await import('../../service/app.js');
      const service = await openService({
        providerKey: key,
        ...(database !== undefined ? { database } : { dataDir: o.data }),
        ...(o.queue !== undefined ? { queue: o.queue as 'pg-boss' | 'table' } : {}),
        workers: intOption(o.workers, '--workers', 0),
        leaseMs: intOption(o.leaseMs, '--lease-ms', 1000),
      }).catch((e: unknown) => {
        throw new MeterproofError('service.start', `cannot open the database: ${e instanceof Error ? e.message : String(e)}`);
      });
      const app = await buildApp(service.ctx, {
        token,
        bodyLimit: intOption(o.bodyLimit, '--body-limit', 1024),
        rateLimit: intOption(o.rateLimit, '--rate-limit', 0),
        ...(o.cors ? { corsOrigins: o.cors.split(',').map((s) => s.trim()).filter(Boolean) } : {}),
        ...(o.log ? { logger: { level: 'info' } } : {}),
      });
      // The user's app and the provider's dashboard, when built (`npm run app:build`): at /app/.
      const appDist = fileURLToPath(new URL('../../../app/dist', import.meta.url));
      if (existsSync(join(appDist, 'index.html'))) {
        const { registerAppStatic } = await import('../../service/plugins/app-static.js');
        await registerAppStatic(app, { root: appDist });
      }
      const address = await app.listen({ host: o.host, port: intOption(o.port, '--port', 0) });
      out(`meterproof service listening on ${address} (${database !== undefined ? 'PostgreSQL' : `PGlite in ${o.data}`}, queue ${service.ctx.queue.kind}, ${o.workers} worker${o.workers === '1' ? '' : 's'})`);
      onSignals(async () => {
        await app.close();
        await service.stop();
      });
    });
}

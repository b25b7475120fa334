/**
 * `meterproof worker`: a stateless verifier. It takes verification jobs from the database (pg-boss on
 * PostgreSQL), verifies each bill and stores the verdict with a signed receipt. Run as many as you
 * like, on any machines, against one database; kill one at any moment and its job is retried.
 */
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
    .addHelpText('after', '\nExample:\n  meterproof worker --provider-key provider.key.json --db postgres://postgres@127.0.0.1/mp --concurrency 2')
    .action(async (o: { providerKey: string; db?: string; concurrency: string; queue: string; leaseMs: string }) => {
      const database = o.db ?? (process.env.MP_DATABASE_URL || undefined);
      if (database === undefined) throw new UsageError('--db (or MP_DATABASE_URL): workers share a PostgreSQL database; on PGlite, `meterproof serve` verifies in process');
      if (o.queue !== 'pg-boss' && o.queue !== 'table') throw new UsageError('--queue: pg-boss or table');
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
      onSignals(() => service.stop());
    });
}

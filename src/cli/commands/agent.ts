/**
 * `meterproof agent`: the user's delegate. Reads the meter's log and the user's private file (or the
 * directory a meter writes into), bills every closed period at the provider service, keeps bills and
 * receipts on disk, and answers disclosure requests under the user's policy file (everything else is
 * refused). `--once` runs one round; otherwise it runs a round every --interval until stopped.
 */
import type { Command } from 'commander';
import { Agent, type RoundResult } from '../../agent/agent.js';
import { ServiceClient } from '../../agent/client.js';
import { FileStore } from '../../agent/node/fs-store.js';
import { parsePolicy, REFUSE_ALL } from '../../agent/policy.js';
import { parseLogFile, parsePrivateFile } from '../../meter/log.js';
import { readJson } from '../../node/files.js';
import { proveRangeJobs } from '../../node/range-pool.js';
import { isMeterDir, MeterDirReader } from '../../simulator/store.js';
import { loadPublicKey, loadSecretKey, out, UsageError } from '../common.js';
import { parseSeconds } from './simulate.js';

export function printRound(r: RoundResult, say: (line: string) => void = out): void {
  for (const b of r.bills) {
    say(`  ${b.period.padEnd(8)} ${b.state.padEnd(8)} fee ${b.fee}${b.reason ? `  reason ${b.reason}` : ''}  (${b.form} form, ${(b.bytes! / 1024).toFixed(1)} KiB sent)`);
  }
  for (const s of r.skipped) say(`  ${s.period.padEnd(8)} skipped: ${s.reason}`);
  for (const d of r.disclosures) say(`  disclosure ${d.request} to ${d.recipient}: ${d.answer}${d.reason ? ` (${d.reason})` : ''}`);
}

export function register(program: Command): void {
  program
    .command('agent')
    .description("the user's delegate: bill each closed period at the provider service, keep bills and receipts, answer disclosure requests only as the policy file allows")
    .requiredOption('--service <url>', 'the provider service, e.g. http://127.0.0.1:8080')
    .requiredOption('--provider-key <file>', "the provider's public key you trust (provider.pub.json): tariffs, registrations and receipts are checked against it")
    .requiredOption('--out <dir>', 'where bills/, receipts/ and disclosures/ are kept (never overwritten)')
    .option('--meter-dir <dir>', 'the directory a meter writes into (log.jsonl, private.jsonl)')
    .option('--log <file>', "the meter's log (log.json), with --private")
    .option('--private <file>', "the user's private file (private.json), with --log")
    .option('--account <id>', 'the account you expect the meter to be registered to')
    .option('--user-key <file>', 'your user key (user.key.json): signs disclosure consents and refusals; without it requests are left alone')
    .option('--policy <file>', 'your disclosure policy (JSON, see the README); without it every request is refused')
    .option('--period <label...>', 'bill only these periods (YYYY-MM)')
    .option('--full', 'always send the full bill, never the compact form')
    .option('--once', 'run one round and exit')
    .option('--interval <time>', 'time between rounds (s, m, h, d)', '1h')
    .action(async (o: { service: string; providerKey: string; out: string; meterDir?: string; log?: string; private?: string; account?: string; userKey?: string; policy?: string; period?: string[]; full?: boolean; once?: boolean; interval: string }) => {
      if ((o.meterDir === undefined) === (o.log === undefined || o.private === undefined)) {
        throw new UsageError('give either --meter-dir DIR or both --log FILE and --private FILE');
      }
      if (o.meterDir !== undefined && !isMeterDir(o.meterDir)) throw new UsageError(`--meter-dir ${o.meterDir}: no log.jsonl there (is it the directory meter simulate writes?)`);
      const interval = parseSeconds(o.interval, '--interval');
      const reader = o.meterDir !== undefined ? new MeterDirReader(o.meterDir) : undefined;
      const source = reader
        ? () => reader.read()
        : () => ({ log: parseLogFile(readJson(o.log!, 'meter log')), priv: parsePrivateFile(readJson(o.private!, 'private file')) });
      const periods = o.period ? new Set(o.period) : undefined;
      const agent = new Agent({
        client: new ServiceClient({ baseUrl: o.service }),
        store: new FileStore(o.out),
        source,
        providerKey: loadPublicKey(o.providerKey, 'provider'),
        ...(o.account ? { account: o.account } : {}),
        ...(o.userKey ? { userKey: loadSecretKey(o.userKey, 'user') } : {}),
        policy: o.policy ? parsePolicy(readJson(o.policy, 'policy file'), o.policy) : REFUSE_ALL,
        ...(periods ? { periods: (l: string) => periods.has(l) } : {}),
        compact: !o.full,
        log: (line) => out(`agent: ${line}`),
        // Range proofs on worker threads, as `bill prove` makes them.
        runRangeJobs: (jobs) => proveRangeJobs(jobs),
      });
      const ac = new AbortController();
      const stop = () => ac.abort();
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      try {
        for (;;) {
          const r = await agent.runOnce();
          out(`round: account ${r.account}, meter ${r.meter}: ${r.bills.length} bills, ${r.disclosures.length} disclosure requests answered; files in ${o.out}`);
          printRound(r);
          if (o.once || ac.signal.aborted) break;
          await new Promise<void>((resolve) => {
            const t = setTimeout(resolve, interval * 1000);
            ac.signal.addEventListener('abort', () => (clearTimeout(t), resolve()), { once: true });
          });
          if (ac.signal.aborted) break;
        }
      } finally {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
      }
    });
}

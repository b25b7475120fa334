#!/usr/bin/env node
// @ts-nocheck
/**
 * The `meterproof` command. Exit codes: 0 accepted or done, 1 rejected, 2 usage error or unreadable input.
 * Errors are one plain line on stderr, never a stack trace (set MP_DEBUG=1 to see one).
 */
import { Command, CommanderError } from 'commander';
import { MeterproofError } from '../core/errors.js';
import { useNodeEd25519 } from '../node/ed25519.js';
import { EXIT_USAGE, printJson } from './common.js';
import { register as bill } from './commands/bill.js';
import { register as demo } from './commands/demo.js';
import { register as disclose } from './commands/disclose.js';
import { register as keygen } from './commands/keygen.js';
import { register as meter } from './commands/meter.js';
import { register as tariff } from './commands/tariff.js';

useNodeEd25519();

// `meterproof … | head`: a reader that stops early closes the pipe; that is not an error worth a stack.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(typeof process.exitCode === 'number' ? process.exitCode : 0);
  throw e;
});

const program = new Command('meterproof')
  .description('privacy-preserving metered billing: prove a bill from signed meter readings without revealing them')
  .version('0.1.0')
  .showHelpAfterError('(run with --help for usage)')
  .exitOverride();
for (const r of [keygen, meter, tariff, bill, disclose, demo]) r(program);
program.commands.forEach(function apply(c: Command) {
  c.exitOverride();
  c.commands.forEach(apply);
});

const wantsJson = process.argv.includes('--json');

function fail(message: string): void {
  if (wantsJson) printJson({ ok: false, reason: 'input', detail: message });
  process.stderr.write(`meterproof: ${message}\n`);
  process.exitCode = EXIT_USAGE;
}

/** A file-system error that escaped the file helpers (say --out names a file, not a directory): say which path and why, without a stack. */
function systemError(e: unknown): string | undefined {
  const x = e as NodeJS.ErrnoException;
  if (!(e instanceof Error) || typeof x.code !== 'string' || !/^E[A-Z]+$/.test(x.code)) return undefined;
  const why: Record<string, string> = {
    EEXIST: 'a file is in the way',
    ENOTDIR: 'a part of the path is not a directory',
    EISDIR: 'it is a directory',
    EACCES: 'permission denied',
    EPERM: 'operation not permitted',
    ENOENT: 'no such file or directory',
    ENOSPC: 'no space left on the device',
    EROFS: 'read-only file system',
  };
  return `cannot ${x.syscall ?? 'access'} ${x.path ?? 'a file'}: ${why[x.code] ?? x.code}`;
}

try {
  await program.parseAsync(process.argv);
} catch (e) {
  if (e instanceof CommanderError) {
    // --help and --version end here with exit code 0; usage errors were already printed on stderr,
    // and with --json stdout still gets its one JSON object.
    if (e.exitCode !== 0 && wantsJson) printJson({ ok: false, reason: 'usage', detail: e.message.replace(/^error: /, '') });
    process.exitCode = e.exitCode === 0 ? 0 : EXIT_USAGE;
  } else if (e instanceof MeterproofError) {
    fail(e.message);
  } else if (systemError(e) !== undefined) {
    fail(systemError(e)!);
  } else {
    fail('unexpected error' + (process.env.MP_DEBUG ? `\n${(e as Error).stack}` : ' (set MP_DEBUG=1 for details)'));
  }
}

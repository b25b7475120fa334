#!/usr/bin/env node
/**
 * The `meterproof` command. Exit codes: 0 accepted or done, 1 rejected, 2 usage error or unreadable input.
 * Errors are one plain line on stderr, never a stack trace (set MP_DEBUG=1 to see one).
 */
import { Command, CommanderError } from 'commander';
import { MeterproofError } from '../core/errors.js';
import { useNodeEd25519 } from '../node/ed25519.js';
import { EXIT_USAGE, printJson } from './common.js';
import { EXAMPLES } from './examples.js';
import { register as agent } from './commands/agent.js';
import { register as bill } from './commands/bill.js';
import { register as demo } from './commands/demo.js';
import { register as disclose } from './commands/disclose.js';
import { register as keygen } from './commands/keygen.js';
import { register as log } from './commands/log.js';
import { register as meter } from './commands/meter.js';
import { register as tariff } from './commands/tariff.js';
import { register as serve } from './commands/serve.js';
import { register as worker } from './commands/worker.js';

useNodeEd25519();

// `meterproof … | head`: a reader that stops early closes the pipe; that is not an error worth a stack.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(typeof process.exitCode === 'number' ? process.exitCode : 0);
  throw e;
});

const program = new Command('meterproof')
  .description('privacy-preserving metered billing: prove a bill from signed meter readings without revealing them')
  .version('0.1.0')
  .exitOverride();
for (const r of [keygen, meter, log, tariff, bill, disclose, demo]) r(program);
for (const r of [serve, worker, agent]) r(program);

/** `meterproof bill prove`, for messages. */
function pathOf(c: Command): string {
  const names: string[] = [];
  for (let x: Command | null = c; x; x = x.parent) names.unshift(x.name());
  return names.join(' ');
}

// Commander's own errors look like ours: one line, `meterproof: …`, with where to find the usage.
// (Help itself, asked for or shown for a command group without a subcommand, is left as it is.)
program.commands.forEach(function apply(c: Command) {
  c.exitOverride();
  c.configureOutput({
    outputError: (str, write) => {
      const line = str.replace(/^error: /, '').replace(/\s*\n\s*/g, ' ').trim().replace(/\(Did you mean (\S+)\?\)/, '(did you mean $1?)');
      write(`meterproof: ${line} (see ${pathOf(c)} --help)\n`);
    },
  });
  // Help marks the options that must be given, and ends with an example of the command.
  for (const o of c.options) if (o.mandatory && !/\(required\)$/.test(o.description)) o.description += ' (required)';
  const example = EXAMPLES[pathOf(c).replace(/^meterproof ?/, '')];
  if (example !== undefined) c.addHelpText('after', `\nExample:\n  $ ${example}\n`);
  c.commands.forEach(apply);
});
program.configureOutput({
  outputError: (str, write) => write(`meterproof: ${str.replace(/^error: /, '').replace(/\s*\n\s*/g, ' ').trim()} (see meterproof --help)\n`),
});

/**
 * Commander checks required options before unknown ones, so `bill prove --tarif t.json` would say
 * "required option '--tariff <file>' not specified". The misspelling is the cause: find the command the
 * words name, and report its first unknown option (with commander's suggestion of the nearest one).
 */
function unknownOptionFirst(argv: readonly string[]): void {
  let cmd = program;
  const args = argv.slice(2);
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--') return;
    if (!a.startsWith('-')) {
      const sub = cmd.commands.find((c) => c.name() === a || c.aliases().includes(a));
      if (sub) cmd = sub;
      continue;
    }
    const flag = a.includes('=') ? a.slice(0, a.indexOf('=')) : a;
    if (flag === '-h' || flag === '--help' || flag === '-V' || flag === '--version') continue;
    const known = cmd.options.find((o) => o.long === flag || o.short === flag);
    if (!known) {
      if (cmd.commands.length > 0 && cmd.options.length === 0) return; // a group: commander will say what is missing
      (cmd as unknown as { unknownOption(flag: string): never }).unknownOption(flag);
    }
    if ((known!.required || known!.optional) && !a.includes('=')) i++; // skip the option's value
  }
}

/** `meterproof help bill prove` is `meterproof bill prove --help` (commander's help command takes one word). */
function helpWords(argv: string[]): string[] {
  if (argv[2] !== 'help' || argv.length < 4) return argv;
  return [...argv.slice(0, 2), ...argv.slice(3), '--help'];
}

const wantsJson = process.argv.includes('--json');

/** Exit 2: with --json, reason "usage" for a wrong command line, "input" for a file that cannot be used (README). */
function fail(message: string, reason: 'usage' | 'input' = 'input'): void {
  if (wantsJson) printJson({ ok: false, reason, detail: message });
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
  const argv = helpWords(process.argv);
  unknownOptionFirst(argv);
  await program.parseAsync(argv);
} catch (e) {
  if (e instanceof CommanderError) {
    // --help and --version end here with exit code 0; usage errors were already printed on stderr,
    // and with --json stdout still gets its one JSON object.
    if (e.exitCode !== 0 && wantsJson) printJson({ ok: false, reason: 'usage', detail: e.message.replace(/^error: /, '') });
    process.exitCode = e.exitCode === 0 ? 0 : EXIT_USAGE;
  } else if (e instanceof MeterproofError) {
    fail(e.message, e.code === 'usage' ? 'usage' : 'input');
  } else if (systemError(e) !== undefined) {
    fail(systemError(e)!);
  } else {
    fail('unexpected error' + (process.env.MP_DEBUG ? `\n${(e as Error).stack}` : ' (set MP_DEBUG=1 for details)'));
  }
}

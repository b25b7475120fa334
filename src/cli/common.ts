/** Shared CLI plumbing: exit codes, key loading, output. */
import { MeterproofError } from '../core/errors.js';
import { parsePublicJwk, parseSecretJwk, type PublicKey, type Role, type SecretKey } from '../core/keys.js';
import { checkOutputs, readJson } from '../node/files.js';

/** Exit codes: 0 accepted or done, 1 rejected, 2 usage error or unreadable input. */
export const EXIT_OK = 0;
export const EXIT_REJECTED = 1;
export const EXIT_USAGE = 2;

export class UsageError extends MeterproofError {
  constructor(message: string) {
    super('usage', message);
  }
}

/**
 * For commands that write several files that belong together (a key pair, a log and its private file):
 * refuses before writing any of them, so a refusal never leaves a new file beside an old one it does not match.
 */
export function refuseExisting(paths: readonly string[], force: boolean | undefined): void {
  checkOutputs(paths, force);
}

/**
 * Reads a public key file. A secret key file given where a public key belongs is refused (exit 2): it
 * would work, since it holds the public part too, but a secret key handed to a verifier is a leak the
 * user should hear about, not one to pass over.
 */
export function loadPublicKey(path: string, role: Role, option = `--${role}-key`): PublicKey {
  const json = readJson(path, `${role} key`);
  if (typeof json === 'object' && json !== null && 'd' in json) {
    throw new UsageError(
      `${option} ${path} is the ${role}'s SECRET key (it has "d"); ${option} takes the public key file (${role}.pub.json, made beside it by keygen). Keep the secret key private`,
    );
  }
  return parsePublicJwk(json, role, path);
}

export function loadSecretKey(path: string, role: Role): SecretKey {
  return parseSecretJwk(readJson(path, `${role} key`), role, path);
}

export function out(line = ''): void {
  process.stdout.write(line + '\n');
}

export function printJson(value: unknown): void {
  process.stdout.write(JSON.stringify(value) + '\n');
}

/**
 * A --period as the user typed it, checked as a usage error (exit 2) before any file is read: a month
 * that does not exist is a typo, not a bill for another period.
 */
export function checkPeriodOption(period: string, option = '--period'): void {
  const how = 'use YYYY-MM for a month (e.g. 2011-07) or YYYY-MM-DD/YYYY-MM-DD for whole days, both included';
  const m = /^(\d{4})-(\d{2})(?:-(\d{2})\/(\d{4})-(\d{2})-(\d{2}))?$/.exec(period);
  if (!m) throw new UsageError(`${option} ${period}: ${how}`);
  const day = (y: string, mo: string, d: string): void => {
    const date = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d)));
    if (Number(mo) < 1 || Number(mo) > 12) throw new UsageError(`${option} ${period}: there is no month ${mo} (months are 01 to 12); ${how}`);
    if (date.getUTCDate() !== Number(d)) throw new UsageError(`${option} ${period}: ${y}-${mo} has no day ${d}; ${how}`);
  };
  if (m[3] === undefined) {
    day(m[1]!, m[2]!, '01');
    return;
  }
  day(m[1]!, m[2]!, m[3]);
  day(m[4]!, m[5]!, m[6]!);
  if (`${m[4]}-${m[5]}-${m[6]}` < `${m[1]}-${m[2]}-${m[3]}`) throw new UsageError(`${option} ${period}: the last day is before the first`);
}

/**
 * The signed tariff a bill is proved against. A bare tariff (what import-urdb writes) is refused by
 * name, with the command that signs it.
 */
export function readSignedTariff(path: string): unknown {
  const json = readJson(path, 'signed tariff') as { type?: unknown } | null;
  if (json !== null && typeof json === 'object' && json.type !== 'meterproof/signed-tariff' && 'components' in json) {
    throw new UsageError(
      `--tariff ${path} is a tariff that is not signed; sign it first: meterproof tariff sign --key PROVIDER.key.json --in ${path} --out SIGNED.json, then give --tariff SIGNED.json`,
    );
  }
  return json;
}

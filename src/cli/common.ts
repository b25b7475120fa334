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

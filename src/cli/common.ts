/** Shared CLI plumbing: exit codes, key loading, output. */
import { MeterproofError } from '../core/errors.js';
import { parsePublicJwk, parseSecretJwk, type PublicKey, type Role, type SecretKey } from '../core/keys.js';
import { readJson } from '../node/files.js';

/** Exit codes: 0 accepted or done, 1 rejected, 2 usage error or unreadable input. */
export const EXIT_OK = 0;
export const EXIT_REJECTED = 1;
export const EXIT_USAGE = 2;

export class UsageError extends MeterproofError {
  constructor(message: string) {
    super('usage', message);
  }
}

export function loadPublicKey(path: string, role: Role): PublicKey {
  return parsePublicJwk(readJson(path, `${role} key`), role, path);
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

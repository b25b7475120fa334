/** Shared CLI plumbing: exit codes, key loading, output. */
// @ts-nocheck

import { existsSync } from 'node:fs';
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

/**
 * For commands that write several files that belong together (a key pair, a log and its private file):
 * refuses before writing any of them, so a refusal never leaves a new file beside an old one it does not match.
 */
export function refuseExisting(paths: readonly string[], force: boolean | undefined): void {
  if (force) return;
  for (const p of paths) {
    if (existsSync(p)) throw new MeterproofError('io.exists', `${p} already exists; not replacing it (use --force to replace)`);
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

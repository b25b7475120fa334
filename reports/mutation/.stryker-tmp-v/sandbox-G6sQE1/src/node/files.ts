/**
 * File I/O at the edge: reading JSON with errors that name the file and what is wrong, and writing
 * atomically (temp file, then rename) so a failure never leaves a half-written file behind.
 */
// @ts-nocheck

import { mkdirSync, readFileSync, renameSync, writeFileSync, existsSync, unlinkSync, chmodSync } from 'node:fs';
import { dirname, basename, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { MeterproofError } from '../core/errors.js';

export function readText(path: string, what = 'file'): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : code === 'EACCES' ? 'permission denied' : 'cannot read it';
    throw new MeterproofError('io.read', `${what} ${path}: ${why}`);
  }
}

export function readJson(path: string, what = 'file'): unknown {
  const text = readText(path, what);
  try {
    return JSON.parse(text);
  } catch (e) {
    const m = /position (\d+)/.exec(String((e as Error).message));
    let where = '';
    if (m) {
      const pos = Number(m[1]);
      const before = text.slice(0, pos);
      const line = before.split('\n').length;
      where = ` (line ${line}, column ${pos - before.lastIndexOf('\n')})`;
    } else if (text.trim() === '') where = ' (the file is empty)';
    throw new MeterproofError('io.json', `${what} ${path} is not valid JSON${where}`);
  }
}

export interface WriteOptions {
  /** File mode, e.g. 0o600 for secrets. */
  readonly mode?: number;
  /** Refuse to replace an existing file. */
  readonly noClobber?: boolean;
}

export function writeFileAtomic(path: string, data: string, o: WriteOptions = {}): void {
  if (o.noClobber && existsSync(path)) {
    throw new MeterproofError('io.exists', `${path} already exists; not replacing it (use --force to replace)`);
  }
  const dir = dirname(path);
  const tmp = join(dir, `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    mkdirSync(dir, { recursive: true });
    writeFileSync(tmp, data, { mode: o.mode ?? 0o644, flag: 'wx' });
    if (o.mode !== undefined) chmodSync(tmp, o.mode); // the umask may have narrowed it
    renameSync(tmp, path);
  } catch (e) {
    try {
      unlinkSync(tmp);
    } catch {
      /* nothing to clean up */
    }
    if (e instanceof MeterproofError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOTDIR' || code === 'EEXIST' ? 'a file is in the way of its directory' : code === 'EACCES' ? 'permission denied' : code === 'ENOSPC' ? 'no space left' : (code ?? 'error');
    throw new MeterproofError('io.write', `cannot write ${path}: ${why}`);
  }
}

export function writeJson(path: string, value: unknown, o: WriteOptions = {}): void {
  writeFileAtomic(path, JSON.stringify(value, null, 2) + '\n', o);
}

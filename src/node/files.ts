/**
 * File I/O at the edge: reading JSON with errors that name the file and what is wrong, and writing
 * atomically (temp file, then rename) so a failure never leaves a half-written file behind.
 */
import { accessSync, chmodSync, constants, linkSync, mkdirSync, readFileSync, renameSync, rmdirSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import { MeterproofError } from '../core/errors.js';

/** Reads a UTF-8 text file. A byte-order mark (Windows editors write one) is dropped: JSON and CSV alike. */
export function readText(path: string, what = 'file'): string {
  try {
    return readFileSync(path, 'utf8').replace(/^\uFEFF/, '');
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
  /**
   * Replace an existing file (the user gave --force). Without it no file is ever replaced, secret or not:
   * that is the default for every write, so no command can forget it.
   */
  readonly force?: boolean;
}

const WHY: Record<string, string> = {
  ENOTDIR: 'a part of the path is a file, not a directory',
  EEXIST: 'a file is in the way of the directory',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  ENOSPC: 'no space left on the device',
  EROFS: 'read-only file system',
  ENOENT: 'this file system does not allow it there',
  EISDIR: 'it is a directory',
  ENAMETOOLONG: 'the name is too long',
};

function why(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code ?? '';
  return WHY[code] ?? (code || 'error');
}

function exists(path: string): 'file' | 'dir' | undefined {
  try {
    return statSync(path).isDirectory() ? 'dir' : 'file';
  } catch {
    return undefined;
  }
}

/**
 * Makes a directory and its missing parents, one level at a time from the nearest one that exists.
 * Not `mkdir -p` (`mkdirSync({recursive:true})`), which on some file systems (procfs: `--out /proc/nope`)
 * retries forever: here each level is one mkdir call, and the first failure ends it with the path and why.
 */
export function ensureDir(dir: string, forPath?: string): string[] {
  const head = forPath === undefined ? `cannot make the directory ${dir}` : `cannot write ${forPath}`;
  const missing: string[] = [];
  let d = resolve(dir);
  for (;;) {
    const kind = exists(d);
    if (kind === 'dir') break;
    if (kind === 'file') throw new MeterproofError('io.write', `${head}: ${d} is a file, not a directory (choose another place)`);
    missing.unshift(d);
    const up = dirname(d);
    if (up === d) break;
    d = up;
  }
  for (const m of missing) {
    try {
      mkdirSync(m);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EEXIST' && exists(m) === 'dir') continue;
      throw new MeterproofError('io.write', `${head}: cannot make the directory ${m} (${(e as NodeJS.ErrnoException).code ?? 'error'}: ${why(e)}; choose another place)`);
    }
  }
  return missing;
}

/**
 * Checks, before any work, that every path can be written: none exists (unless `force`), and the
 * directory of each exists or can be made, and is writable. A command calls it first, so a refusal comes
 * in milliseconds rather than after a minute of proving, and never leaves some of its files written.
 * Missing directories are made to prove they can be, then removed again: a command that fails later
 * leaves no empty directory behind.
 */
export function checkOutputs(paths: readonly string[], force: boolean | undefined): void {
  for (const p of paths) {
    const kind = exists(p);
    if (kind === 'dir') throw new MeterproofError('io.write', `cannot write ${p}: it is a directory (give a file name)`);
    if (kind === 'file' && !force) throw new MeterproofError('io.exists', `${p} already exists; not replacing it (use --force to replace)`);
  }
  for (const p of paths) {
    const dir = dirname(resolve(p));
    const made = ensureDir(dir, p);
    try {
      accessSync(dir, constants.W_OK);
    } catch (e) {
      throw new MeterproofError('io.write', `cannot write ${p}: ${dir}: ${why(e)}`);
    } finally {
      for (const m of made.reverse()) {
        try {
          rmdirSync(m);
        } catch {
          /* another process put something there: leave it */
        }
      }
    }
  }
}

/**
 * Writes `data` to a temp file beside `path`, then moves it into place. Without `force` it is put in
 * place with link(2), which fails if `path` exists: the refusal is atomic, not a check followed by a
 * write that another process could race.
 */
export function writeFileAtomic(path: string, data: string, o: WriteOptions = {}): void {
  const force = o.force === true;
  const kind = exists(path);
  if (kind === 'dir') throw new MeterproofError('io.write', `cannot write ${path}: it is a directory (give a file name)`);
  if (!force && kind === 'file') {
    throw new MeterproofError('io.exists', `${path} already exists; not replacing it (use --force to replace)`);
  }
  const dir = dirname(path);
  ensureDir(dir, path);
  const tmp = join(dir, `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    writeFileSync(tmp, data, { mode: o.mode ?? 0o644, flag: 'wx' });
    if (o.mode !== undefined) chmodSync(tmp, o.mode); // the umask may have narrowed it
    if (force) renameSync(tmp, path);
    else {
      try {
        linkSync(tmp, path);
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if (code === 'EEXIST') throw new MeterproofError('io.exists', `${path} already exists; not replacing it (use --force to replace)`);
        // A file system without hard links: the check above is the best there is.
        if (code === 'EPERM' || code === 'ENOTSUP' || code === 'EOPNOTSUPP' || code === 'EXDEV') renameSync(tmp, path);
        else throw e;
      }
    }
  } catch (e) {
    if (e instanceof MeterproofError) throw e;
    throw new MeterproofError('io.write', `cannot write ${path}: ${why(e)}`);
  } finally {
    try {
      unlinkSync(tmp);
    } catch {
      /* renamed, or never made */
    }
  }
}

export function writeJson(path: string, value: unknown, o: WriteOptions = {}): void {
  writeFileAtomic(path, JSON.stringify(value, null, 2) + '\n', o);
}

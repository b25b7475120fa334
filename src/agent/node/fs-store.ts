/**
 * The agent's store on disk: JSON documents under one directory (bills/, receipts/, disclosures/),
 * written atomically and never replaced (writeJson refuses to replace a file).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { readJson, writeJson } from '../../node/files.js';
import type { AgentStore } from '../agent.js';

export class FileStore implements AgentStore {
  constructor(readonly dir: string) {}

  path(name: string): string {
    return join(this.dir, ...name.split('/'));
  }

  has(name: string): boolean {
    return existsSync(this.path(name));
  }

  read(name: string): unknown {
    return readJson(this.path(name), name);
  }

  create(name: string, value: unknown): void {
    writeJson(this.path(name), value);
  }
}

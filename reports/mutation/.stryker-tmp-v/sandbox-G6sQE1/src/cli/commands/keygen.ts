// @ts-nocheck
import { join } from 'node:path';
import type { Command } from 'commander';
import { generateKey, ROLES, type Role } from '../../core/keys.js';
import { writeJson } from '../../node/files.js';
import { out, refuseExisting, UsageError } from '../common.js';

export function register(program: Command): void {
  program
    .command('keygen')
    .description('make an Ed25519 key pair for a meter, a provider or a user')
    .requiredOption('--role <role>', 'meter | provider | user')
    .requiredOption('--out <dir>', 'directory for ROLE.key.json (secret, mode 0600) and ROLE.pub.json')
    .option('--force', 'replace existing key files')
    .action((o: { role: string; out: string; force?: boolean }) => {
      if (!ROLES.includes(o.role as Role)) throw new UsageError(`--role must be one of ${ROLES.join(', ')}`);
      const role = o.role as Role;
      const secretPath = join(o.out, `${role}.key.json`);
      const publicPath = join(o.out, `${role}.pub.json`);
      refuseExisting([secretPath, publicPath], o.force);
      const k = generateKey(role);
      writeJson(secretPath, k.secret, { mode: 0o600, noClobber: !o.force });
      writeJson(publicPath, k.public, { noClobber: !o.force });
      out(`${role} key ${k.public.kid}`);
      out(`  secret: ${secretPath} (mode 0600: keep it private)`);
      out(`  public: ${publicPath}`);
    });
}

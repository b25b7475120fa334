/**
 * `npm run schemas`: writes schemas/*.schema.json from the zod schemas (src/schemas.ts). With --check,
 * writes nothing and exits 1 if a committed schema is missing or differs (the test does the same).
 */
import { readdirSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { jsonSchemas } from '../schemas.js';

const DIR = fileURLToPath(new URL('../../schemas/', import.meta.url));

export function schemaFiles(): Record<string, string> {
  return Object.fromEntries(Object.entries(jsonSchemas()).map(([name, s]) => [name, JSON.stringify(s, null, 2) + '\n']));
}

const files = schemaFiles();
if (process.argv.includes('--check')) {
  const stale = Object.entries(files).filter(([name, text]) => {
    try {
      return readFileSync(join(DIR, name), 'utf8') !== text;
    } catch {
      return true;
    }
  });
  const extra = readdirSync(DIR).filter((n) => n.endsWith('.schema.json') && !(n in files));
  for (const [name] of stale) process.stderr.write(`schemas/${name} is not up to date: run npm run schemas\n`);
  for (const name of extra) process.stderr.write(`schemas/${name} has no format: remove it\n`);
  process.exitCode = stale.length + extra.length > 0 ? 1 : 0;
} else {
  // Regenerated output, owned by this script: replacing it is the point (not a user's file).
  mkdirSync(DIR, { recursive: true });
  for (const [name, text] of Object.entries(files)) writeFileSync(join(DIR, name), text);
  process.stdout.write(`wrote ${Object.keys(files).length} schemas to schemas/\n`);
}

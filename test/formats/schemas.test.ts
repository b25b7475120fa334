/**
 * The JSON Schemas in schemas/ are generated from the zod schemas (npm run schemas): the committed files
 * must be exactly what the generator makes now, one per file format, shipped in the package and linked
 * from the README.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { jsonSchemas } from '../../src/schemas.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const FORMATS = ['log', 'private', 'tariff', 'signed-tariff', 'bill', 'query', 'consent', 'disclosure'];

describe('JSON Schemas', () => {
  const generated = jsonSchemas();

  it('one per file format', () => {
    for (const f of FORMATS) expect(Object.keys(generated)).toContain(`${f}.schema.json`);
  });

  it('the committed schemas are up to date (else: npm run schemas)', () => {
    const committed = readdirSync(join(root, 'schemas')).filter((n) => n.endsWith('.schema.json')).sort();
    expect(committed).toEqual(Object.keys(generated).sort());
    for (const [name, schema] of Object.entries(generated)) {
      expect(readFileSync(join(root, 'schemas', name), 'utf8'), `schemas/${name} is stale: run npm run schemas`).toBe(JSON.stringify(schema, null, 2) + '\n');
    }
  });

  it('each is a draft 2020-12 object schema with the document\'s type and version', () => {
    const types: Record<string, string> = {
      log: 'meterproof/log', private: 'meterproof/private', tariff: 'meterproof/tariff', 'signed-tariff': 'meterproof/signed-tariff',
      bill: 'meterproof/bill', query: 'meterproof/query', consent: 'meterproof/consent', disclosure: 'meterproof/disclosure',
    };
    for (const f of FORMATS) {
      const s = generated[`${f}.schema.json`] as { $schema: string; type: string; properties: Record<string, { const?: unknown }>; required: string[] };
      expect(s.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
      expect(s.type).toBe('object');
      expect(s.properties.type?.const, f).toBe(types[f]);
      expect(s.required).toContain('v');
    }
    // The signed tariff's schema includes the tariff's, not an opaque value.
    const signed = generated['signed-tariff.schema.json'] as { properties: { tariff: { properties?: Record<string, unknown> } } };
    expect(Object.keys(signed.properties.tariff.properties ?? {})).toContain('components');
  });

  it('are shipped in the package and linked from the README', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { files: string[]; scripts: Record<string, string> };
    expect(pkg.files).toContain('schemas');
    expect(pkg.scripts.schemas).toBeDefined();
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    for (const f of FORMATS) expect(readme).toContain(`](schemas/${f}.schema.json)`);
  });
});

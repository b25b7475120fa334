/**
 * `meterproof meter import` and the layout the meter signs: the unit of a CSV of another service
 * (`--unit`), refused for formats whose unit is fixed; the built CLI (dist/, built by the global setup).
 */
// @ts-nocheck

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
let dir: string;
const run = (...args: string[]) => spawnSync(process.execPath, ['dist/cli/main.js', ...args], { cwd: repoRoot, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
const importArgs = (input: string, out: string, ...more: string[]) => ['meter', 'import', '--key', join(dir, 'meter.key.json'), '--meter-id', 'car-1', '--in', join(dir, input), '--out', join(dir, out), ...more];

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'meterproof-meter-'));
  expect(run('keygen', '--role', 'meter', '--out', dir).status).toBe(0);
  writeFileSync(join(dir, 'roads.csv'), 'start,duration_s,motorway,urban\n2024-05-01T00:00:00Z,3600,1200,300\n2024-05-01T01:00:00Z,3600,0,4500\n');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('meter import --unit', () => {
  it('a CSV in metres: the log and the private file say m, and every record signs it', () => {
    const r = run(...importArgs('roads.csv', 'm', '--unit', 'm'));
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/registers: +motorway, urban\n/);
    expect(r.stdout).toMatch(/unit: +m \(signed with the register names by every record\)\n/);
    const log = JSON.parse(readFileSync(join(dir, 'm', 'log.json'), 'utf8'));
    const priv = JSON.parse(readFileSync(join(dir, 'm', 'private.json'), 'utf8'));
    expect([log.v, log.unit, log.registers, priv.unit]).toEqual([2, 'm', ['motorway', 'urban'], 'm']);
  });

  it('Wh by default; a bad unit, or a unit for a format in Wh, is a usage error', () => {
    expect(run(...importArgs('roads.csv', 'wh')).stdout).toMatch(/unit: +Wh /);
    const bad = run(...importArgs('roads.csv', 'bad', '--unit', 'k m'));
    expect([bad.status, bad.stderr.trim()]).toEqual([2, 'meterproof: --unit "k m": use a unit such as Wh, m, s or cpu-s (1 to 16 letters, digits and . _ / -)']);
    writeFileSync(join(dir, 'octopus.json'), JSON.stringify({ count: 1, next: null, previous: null, results: [{ consumption: 0.5, interval_start: '2024-05-01T00:00:00Z', interval_end: '2024-05-01T00:30:00Z' }] }));
    const fixed = run(...importArgs('octopus.json', 'oct', '--unit', 'm'));
    expect([fixed.status, fixed.stderr.trim()]).toEqual([2, 'meterproof: --unit applies to csv files only; octopus-json files are in Wh']);
  });
});

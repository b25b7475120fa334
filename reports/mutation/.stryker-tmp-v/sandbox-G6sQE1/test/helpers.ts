/** Shared test fixtures: keys, tariffs and logs made from seeded randomness, so failures reproduce. */
// @ts-nocheck

import { readFileSync } from 'node:fs';
import { generateKey, parsePublicJwk, parseSecretJwk, type Role } from '../src/core/keys.js';
import { seededRng } from '../src/core/rng.js';
import { buildLog, type MeterInterval } from '../src/meter/log.js';
import { signTariff } from '../src/tariff/signed.js';
import { useNodeEd25519 } from '../src/node/ed25519.js';
import { parseGreenButton } from '../src/formats/greenbutton.js';

useNodeEd25519();

/** Real public data copied into the repository (sources and licences in test/fixtures/README.md). */
export const FIXTURES = new URL('./fixtures/', import.meta.url);
/** The NIST year is the demo's data; one copy serves both. */
const NIST = 'greenbutton/nist-inland-single-family-2011-hourly.xml';
const NIST_URL = new URL('../demo/data/nist-inland-single-family-2011-hourly.xml', import.meta.url);

/** The URL of a fixture, e.g. `greenbutton/nine-days-hourly.xml` or `urdb/pge-bev-2-s.json`. */
export function fixtureUrl(path: string): URL {
  return path === NIST ? NIST_URL : new URL(path, FIXTURES);
}

export function fixture(path: string): string {
  return readFileSync(fixtureUrl(path), 'utf8');
}

export function keys(role: Role, seed: string = role) {
  const k = generateKey(role, seededRng(`key/${seed}`));
  return { secret: parseSecretJwk(k.secret), public: parsePublicJwk(k.public), jwk: k };
}

/** A 12×24 schedule from a function of (month 0-11, hour). */
export function schedule(f: (m: number, h: number) => number): number[][] {
  return Array.from({ length: 12 }, (_, m) => Array.from({ length: 24 }, (_, h) => f(m, h)));
}

/** A three-period residential TOU tariff: peak 16-21 on weekdays, summer June to September. */
export function touTariff(over: Record<string, unknown> = {}) {
  const summer = (m: number) => m >= 5 && m <= 8;
  return {
    v: 1,
    type: 'meterproof/tariff',
    id: 'test-tou',
    name: 'Test residential TOU',
    currency: 'USD',
    timezone: 'America/Los_Angeles',
    scale: 9,
    unit: 'Wh',
    rounding: { decimals: 2, mode: 'half-up' },
    components: [
      { kind: 'fixed', name: 'customer charge', amount: '10000000000', per: 'month' },
      {
        kind: 'tou-energy',
        name: 'energy',
        periods: [
          { label: 'off-peak', rate: '250000' },
          { label: 'peak', rate: '450000' },
          { label: 'summer peak', rate: '550123' },
        ],
        weekday: schedule((m, h) => (h >= 16 && h < 21 ? (summer(m) ? 2 : 1) : 0)),
        weekend: schedule(() => 0),
      },
    ],
    ...over,
  };
}

export function signed(tariff: unknown, provider = keys('provider')) {
  return signTariff(tariff, provider.secret);
}

let nist: MeterInterval[] | undefined;
export function nistIntervals(): MeterInterval[] {
  nist ??= parseGreenButton(fixture('greenbutton/nist-inland-single-family-2011-hourly.xml')).readings.map((r) => ({
    start: r.start,
    duration: r.duration,
    values: [r.wh],
  }));
  return nist;
}

const logs = new Map<string, ReturnType<typeof buildLog>>();
/** A signed log of `intervals` by `meter`; memoised, since signing a year takes seconds. Callers must not mutate it. */
export function meterLog(intervals: readonly MeterInterval[], meter = 'meter-1', meterKeys = keys('meter')) {
  const id = `${meter}/${meterKeys.public.kid}/${intervals.length}/${intervals[0]?.start}/${intervals.reduce((s, iv) => s + iv.values.join(",") + ";", "")}`;
  let l = logs.get(id);
  if (!l || l.log.records.length !== intervals.length) {
    l = buildLog({ meter, key: meterKeys.secret, seed: seededRng(`seed/${meter}`)(32), intervals });
    logs.set(id, l);
  }
  return l;
}

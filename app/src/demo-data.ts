/**
 * The demo's fixed parts, shared by the page's worker, the demo service (serve.ts) and the tests: the
 * meter id and time zone, the tariffs made from demo/data/residential-tou.urdb.json, and the demo meter's
 * key. That key comes from a public seed, so that the demo service can register the meter the browser
 * simulates: it is a demo key, good for nothing else. The opening seed is random, made in the browser.
 */
import { generateKey, parseSecretJwk } from '../../src/core/keys.js';
import { seededRng } from '../../src/core/rng.js';
import type { Tariff } from '../../src/tariff/model.js';
import { importUrdb } from '../../src/tariff/urdb.js';

export const DEMO_METER = 'demo-home-1';
export const DEMO_ACCOUNT = 'demo-account';
export const DEMO_TZ = 'America/Los_Angeles';
/** The demo house never draws more than this per hour (W): the demand proofs' widths come from it. */
export const DEMO_CAPACITY = 20_000;

export function demoMeterKey() {
  const k = generateKey('meter', seededRng('meterproof/demo/meter-key (public: demo only)'));
  return { secret: k.secret, public: k.public, key: parseSecretJwk(k.secret) };
}

function demandVariant(base: Tariff): Tariff {
  // A flat monthly demand charge of 10 $/kW of the month's largest hourly demand: 0.01 $/W in 10^-scale units.
  const rate = (10n ** BigInt(base.scale) / 100n).toString();
  const zeros = () => Array.from({ length: 12 }, () => Array.from({ length: 24 }, () => 0));
  return {
    ...base,
    id: 'demo-tou-demand',
    name: `${base.name} + demand charge 10 $/kW`,
    itemised: true,
    components: [...base.components, { kind: 'demand', name: 'demand charge', register: 0, periods: [{ label: 'monthly peak', tiers: [{ rate }] }], weekday: zeros(), weekend: zeros() }],
  } as Tariff;
}

/** The two demo tariffs: the URDB time-of-use tariff (itemised), and the same with a demand charge. */
export function demoTariffs(urdbJson: unknown): Tariff[] {
  const base = importUrdb(urdbJson, { timezone: DEMO_TZ, id: 'demo-residential-tou', capacity: DEMO_CAPACITY }).tariff;
  return [{ ...base, itemised: true } as Tariff, demandVariant(base)];
}

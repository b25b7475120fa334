/**
 * The core as a browser would load it: dist/index.js bundled into one script (rolldown, platform
 * "browser") and run in a fresh `node:vm` context that has only what a browser worker has (WebAssembly,
 * TextEncoder/TextDecoder, crypto.getRandomValues) and no Node globals (no process, Buffer, require).
 * There it picks the WebAssembly backend from the embedded module, proves a bill and verifies it; the
 * bill also verifies here, on whichever backend this process runs (so each backend checks the other's
 * proofs), and a bill proved here verifies there.
 */
// @ts-nocheck

import { webcrypto } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import * as vm from 'node:vm';
import { rolldown } from 'rolldown';
import { expect, it } from 'vitest';
import { generateKey, parsePublicJwk, parseSecretJwk } from '../../src/core/keys.js';
import { backendName } from '../../src/core/point.js';
import { seededRng } from '../../src/core/rng.js';
import { proveBill } from '../../src/bill/prove.js';
import { verifyBill } from '../../src/bill/verify.js';
import { buildLog } from '../../src/meter/log.js';
import { parsePeriod } from '../../src/tariff/period.js';
import { signTariff } from '../../src/tariff/signed.js';

const TZ = 'Europe/London';
const tariffDoc = {
  v: 1,
  type: 'meterproof/tariff',
  id: 'vm-tou',
  name: 'vm two-period TOU',
  currency: 'GBP',
  timezone: TZ,
  scale: 12,
  unit: 'Wh',
  rounding: { decimals: 2, mode: 'half-even' },
  components: [
    { kind: 'fixed', name: 'standing charge', amount: '530000000000', per: 'day' },
    {
      kind: 'tou-energy',
      name: 'energy',
      periods: [{ label: 'night', rate: '152340000' }, { label: 'day', rate: '223440000' }],
      weekday: Array.from({ length: 12 }, () => Array.from({ length: 24 }, (_, h) => (h >= 7 ? 1 : 0))),
      weekend: Array.from({ length: 12 }, () => Array.from({ length: 24 }, () => 0)),
    },
  ],
};

/** The scenario, written against the public API only, so it runs the same here and in the vm. */
function scenario(api: {
  generateKey: typeof generateKey;
  parsePublicJwk: typeof parsePublicJwk;
  parseSecretJwk: typeof parseSecretJwk;
  seededRng: typeof seededRng;
  buildLog: typeof buildLog;
  parsePeriod: typeof parsePeriod;
  signTariff: typeof signTariff;
  proveBill: typeof proveBill;
}) {
  const key = (role: 'meter' | 'provider') => {
    const k = api.generateKey(role, api.seededRng(`vm/${role}`));
    return { secret: api.parseSecretJwk(k.secret), public: api.parsePublicJwk(k.public) };
  };
  const meter = key('meter');
  const provider = key('provider');
  const tariff = api.signTariff(tariffDoc as never, provider.secret);
  const p = api.parsePeriod('2011-06-01/2011-06-03', TZ);
  const intervals = Array.from({ length: (p.end - p.start) / 1800 }, (_, i) => ({ start: p.start + i * 1800, duration: 1800, values: [(i * 37) % 900] }));
  const { log, priv } = api.buildLog({ meter: 'vm-meter', key: meter.secret, seed: api.seededRng('vm/seed')(32), intervals });
  const bill = api.proveBill({ signedTariff: tariff, log, priv, account: 'vm', period: '2011-06-01/2011-06-03' }).bill;
  return { bill: JSON.stringify(bill), tariff, meter: meter.public, provider: provider.public };
}

it('the bundled core runs in a vm context without Node globals, on the WebAssembly backend, and its bills verify across backends', async () => {
  const root = fileURLToPath(new URL('../..', import.meta.url));
  const bundle = await rolldown({ input: `${root}dist/index.js`, platform: 'browser', logLevel: 'silent' });
  const { output } = await bundle.generate({ format: 'iife', name: 'meterproof' });
  await bundle.close();
  const code = output[0].code;
  expect(code).not.toMatch(/require\(["']node:|from ["']node:/);

  const ctx = vm.createContext({
    TextEncoder,
    TextDecoder,
    crypto: { getRandomValues: (a: Uint8Array) => webcrypto.getRandomValues(a) },
    console,
  });
  expect(vm.runInContext('typeof process + typeof Buffer + typeof require + typeof WebAssembly', ctx)).toBe('undefinedundefinedundefinedobject');
  vm.runInContext(code, ctx);
  ctx.tariffDoc = tariffDoc;
  ctx.TZ = TZ;
  const inVm = vm.runInContext(`(${scenario.toString()})(meterproof)`, ctx) as ReturnType<typeof scenario>;
  expect(vm.runInContext('meterproof.backendName()', ctx)).toBe('wasm');

  // Verified inside the vm (wasm) ...
  ctx.made = inVm;
  const r1 = vm.runInContext('meterproof.verifyBill({ bill: made.bill, signedTariff: made.tariff, providerKey: made.provider, meterKey: made.meter })', ctx) as { ok: boolean; reason?: string };
  expect(r1).toMatchObject({ ok: true });
  // ... and here, on this process's backend (noble under `npm run test:noble`).
  const here = scenario({ generateKey, parsePublicJwk, parseSecretJwk, seededRng, buildLog, parsePeriod, signTariff, proveBill });
  const r2 = verifyBill({ bill: inVm.bill, signedTariff: here.tariff, providerKey: here.provider, meterKey: here.meter });
  expect(r2, backendName()).toMatchObject({ ok: true });
  // A bill proved in this process verifies inside the vm.
  ctx.other = here.bill;
  const r3 = vm.runInContext('meterproof.verifyBill({ bill: other, signedTariff: made.tariff, providerKey: made.provider, meterKey: made.meter })', ctx) as { ok: boolean };
  expect(r3).toMatchObject({ ok: true });
});

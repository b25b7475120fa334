/** Builds app/dist once for the app's tests (vite build with the no-Node-built-ins plugin). */
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

export default async function setup(): Promise<void> {
  if (process.env.METERPROOF_APP_NO_BUILD === '1') return;
  await build({ configFile: fileURLToPath(new URL('../../app/vite.config.ts', import.meta.url)), logLevel: 'warn' });
}

// Bundles app/serve.ts (and the TypeScript it imports from src/ and app/src/) into app/dist-server/serve.mjs
// for Node; packages stay external (node_modules), so this is a small file.
import { rolldown } from 'rolldown';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
const bundle = await rolldown({ input: `${here}serve.ts`, platform: 'node', external: (id) => /^[^./]/.test(id) && !id.startsWith('/'), logLevel: 'warn' });
await bundle.write({ file: `${here}dist-server/serve.mjs`, format: 'esm' });
await bundle.close();

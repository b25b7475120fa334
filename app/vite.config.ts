/**
 * The user's app and the provider's dashboard (issue 12): a static site. `base: './'` makes every asset
 * path relative, so app/dist works from any web server and any path (`meterproof serve` mounts it at /app/).
 * The core is imported from src/ unchanged; a plugin refuses any Node built-in, so none can reach the
 * bundle (test/app/bundle.e2e.ts builds with it).
 */
import { builtinModules } from 'node:module';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));
const repo = fileURLToPath(new URL('..', import.meta.url));
const builtins = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);

/** Fails the build when anything imports a Node built-in (the core must run unchanged in browsers). */
export function noNodeBuiltins(): Plugin {
  return {
    name: 'meterproof:no-node-builtins',
    enforce: 'pre',
    resolveId(id, importer) {
      if (builtins.has(id) || id.startsWith('node:')) {
        this.error(`Node built-in "${id}" imported by ${importer ?? '(entry)'}: the app bundles only the portable core`);
      }
      return null;
    },
  };
}

export default defineConfig({
  root,
  base: './',
  plugins: [noNodeBuiltins()],
  // The demo files are fetched as assets (?url), never inlined.
  assetsInclude: ['**/*.xml'],
  server: { fs: { allow: [repo] }, port: 5173 },
  preview: { port: 4173 },
  worker: { format: 'es', plugins: () => [noNodeBuiltins()] },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 4096,
    assetsInlineLimit: 0,
    rollupOptions: { input: { index: `${root}index.html`, dashboard: `${root}dashboard.html` } },
  },
});

// Vite builds the web UI into dist/web, which `verbund serve` serves at `/`.
// `npx vite web` (dev server) proxies the API to a running `verbund serve` on :4680.
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const here = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root: here,
  base: '/',
  plugins: [react()],
  logLevel: 'warn',
  build: {
    outDir: fileURLToPath(new URL('../dist/web', import.meta.url)),
    emptyOutDir: true,
    // Hashed file names: the server caches /assets/* for a year.
    assetsDir: 'assets',
    sourcemap: false,
    target: 'es2022',
    // The base map's chunk (MapLibre, ~1 MB) loads only when a style is configured (docs/ui.md, "Map").
    chunkSizeWarningLimit: 1100,
  },
  server: { proxy: { '/api': 'http://127.0.0.1:4680' } },
});

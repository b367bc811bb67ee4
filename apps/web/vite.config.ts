import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The signing page, served by the API at /r under a CSP without 'unsafe-inline': every script and
// stylesheet must be an external file under /r/assets/ (no inlined modulepreload polyfill, no
// inlined assets).
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/r/',
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('../../dist/web', import.meta.url)),
    emptyOutDir: true,
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    sourcemap: false,
  },
});

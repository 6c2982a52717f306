import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// The client is built into dist/client and served by the API server: no CDN, everything bundled.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  build: {
    outDir: fileURLToPath(new URL('../dist/client', import.meta.url)),
    emptyOutDir: true,
    sourcemap: true,
    chunkSizeWarningLimit: 1500,
  },
});

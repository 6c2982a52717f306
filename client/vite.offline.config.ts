import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// The offline snapshot viewer: one script and one stylesheet (no chunks), which the server
// inlines with a snapshot's data into a single HTML file that opens without a network.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  build: {
    outDir: fileURLToPath(new URL('../dist/offline', import.meta.url)),
    emptyOutDir: true,
    cssCodeSplit: false,
    lib: { entry: fileURLToPath(new URL('offline.ts', import.meta.url)), formats: ['es'], fileName: () => 'offline.js', cssFileName: 'offline' },
    rollupOptions: { output: { inlineDynamicImports: true } },
  },
});

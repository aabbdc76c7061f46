import { join } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** Where `npm ci` (mono internal:prepare) and `npm run console:build` put the console; src/app/console.ts serves it. */
export const consoleOutDir = join(import.meta.dirname, '..', 'node_modules', '.cache', 'mono', 'console');

// `npm run console:dev` serves the sources with hot reload on :5173 and sends /api to a
// running `npm start` (MONO_URL, default http://localhost:3000).
export default defineConfig({
  root: import.meta.dirname,
  base: '/console/',
  plugins: [react()],
  logLevel: 'warn',
  build: {
    outDir: consoleOutDir,
    emptyOutDir: true,
    target: 'es2022',
    reportCompressedSize: false,
    chunkSizeWarningLimit: 1200,
    rollupOptions: {
      output: {
        // Libraries change less often than the console: a separate, long-cached chunk.
        manualChunks: (id: string) => (id.includes('node_modules') ? 'vendor' : undefined),
      },
    },
  },
  server: {
    proxy: { '/api': process.env.MONO_URL ?? 'http://localhost:3000' },
  },
});

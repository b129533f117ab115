import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The dev server proxies the API to a server started separately (`node apps/server/dist/server.mjs`),
// so `pnpm --filter @strata/web dev` hot-reloads the UI against real data.
export default defineConfig({
  plugins: [react()],
  server: { proxy: { '/api': process.env.STRATA_API ?? 'http://127.0.0.1:8080' } },
  worker: { format: 'es' },
  build: { outDir: 'dist', sourcemap: true, chunkSizeWarningLimit: 1000 },
});

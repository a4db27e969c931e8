// The web app's build: a single-page React app served by the API server at
// /app (src/server/web-app.ts). `npm run build:web` writes web/dist; `npm run
// dev:web` serves it with hot reload and proxies /graphql to the API on
// localhost:4000 (or ATTRIB_API_URL).
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  base: '/app/',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    // ECharts is large; one vendor chunk keeps the app's own code small and cacheable.
    chunkSizeWarningLimit: 1500,
  },
  server: {
    proxy: { '/graphql': process.env.ATTRIB_API_URL ?? 'http://localhost:4000' },
  },
});

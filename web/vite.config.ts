import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { serviceWorkerPlugin } from './pwa/vite-plugin-sw';

const root = fileURLToPath(new URL('.', import.meta.url));

// The server serves web/dist (src/api/app.ts); `npm run dev` plus `npx vite --config web/vite.config.ts`
// gives hot reload with /api proxied to the running server.
export default defineConfig({
  root,
  // The installable app's service worker, built with the list of files it precaches (docs/pwa.md).
  plugins: [react(), serviceWorkerPlugin(root)],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // antd alone is ~1 MB unminified; feature pages are split by React.lazy.
    chunkSizeWarningLimit: 1500,
  },
  server: {
    proxy: { '/api': 'http://127.0.0.1:3000' },
    fs: { allow: [fileURLToPath(new URL('..', import.meta.url))] },
  },
});

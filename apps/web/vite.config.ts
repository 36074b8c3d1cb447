import { paraglideVitePlugin } from '@inlang/paraglide-js';
import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vite';
import { paraglideOptions } from './paraglide.options.js';

// In dev, the realtime server runs as its own process (scripts/dev.mjs); vite proxies to it.
const apiPort = process.env.VRIJUIT_API_PORT ?? '3001';
const target = `http://127.0.0.1:${apiPort}`;

export default defineConfig({
  plugins: [paraglideVitePlugin(paraglideOptions), sveltekit()],
  server: {
    proxy: {
      '/socket.io': { target, ws: true },
      '/yjs': { target, ws: true },
      '/api': { target },
      '/healthz': { target },
    },
  },
});

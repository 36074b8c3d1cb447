import { paraglideVitePlugin } from '@inlang/paraglide-js';
import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vite';
import { paraglideOptions } from './paraglide.options.js';
import { phoneChunkName } from './phone-chunk.ts';

// In dev, the realtime server runs as its own process (scripts/dev.mjs); vite proxies to it.
const apiPort = process.env.VRIJUIT_API_PORT ?? '3001';
const target = `http://127.0.0.1:${apiPort}`;

export default defineConfig({
  plugins: [paraglideVitePlugin(paraglideOptions), sveltekit()],
  // P6: what the phone's join page shares with other pages in one chunk (phone-chunk.ts).
  build: { rolldownOptions: { output: { codeSplitting: { groups: [{ name: phoneChunkName, debugName: 'phone' }] } } } },
  server: {
    proxy: {
      '/socket.io': { target, ws: true },
      '/yjs': { target, ws: true },
      '/api': { target },
      '/healthz': { target },
    },
  },
});

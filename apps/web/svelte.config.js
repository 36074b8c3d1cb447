import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';
import { cspDirectives } from './csp.js';

/** @type {import('@sveltejs/kit').Config} */
const config = {
  preprocess: vitePreprocess(),
  kit: {
    adapter: adapter({ out: 'build' }),
    csp: { mode: 'auto', directives: cspDirectives },
    // P6: the browser asks the server which route an address is (`/<path>/__route.js`) the first time it
    // navigates there, instead of loading every route's pattern with the first page (1.8 KB gz fewer).
    router: { resolution: 'server' },
  },
};

export default config;

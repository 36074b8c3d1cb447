import { createHash } from 'node:crypto';

/**
 * SvelteKit's route announcer (generated root.svelte) carries this inline style attribute. Allowing
 * exactly this one attribute ('unsafe-hashes' + its hash) keeps style-src free of 'unsafe-inline';
 * src/csp.test.ts fails if a SvelteKit upgrade changes the string (app.css hides it anyway).
 */
export const ANNOUNCER_STYLE =
  'position: absolute; left: 0; top: 0; clip: rect(0 0 0 0); clip-path: inset(50%); overflow: hidden; white-space: nowrap; width: 1px; height: 1px';

/** @type {`sha256-${string}`} */
const announcerHash = `sha256-${createHash('sha256').update(ANNOUNCER_STYLE).digest('base64')}`;

/**
 * S7. SvelteKit adds nonces (rendered pages) or hashes (prerendered ones) for its own inline script.
 * @type {NonNullable<NonNullable<import('@sveltejs/kit').KitConfig['csp']>['directives']>}
 */
export const cspDirectives = {
  'default-src': ['self'],
  'script-src': ['self'],
  // No 'unsafe-inline': the app uses no transitions and sets dynamic styles through the CSSOM.
  'style-src': ['self', 'unsafe-hashes', announcerHash],
  'img-src': ['self', 'data:'],
  'font-src': ['self'],
  // CSP3 'self' covers same-origin ws:/wss:; a browser that refuses the websocket falls back to
  // polling (tryAllTransports), so no blanket ws:/wss: that would allow sockets to any host.
  'connect-src': ['self'],
  'base-uri': ['self'],
  'form-action': ['self'],
  'frame-ancestors': ['none'],
  'object-src': ['none'],
};

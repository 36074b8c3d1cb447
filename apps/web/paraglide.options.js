/**
 * How Paraglide compiles messages/*.json into src/lib/paraglide (by the vite plugin in dev and build,
 * by `pnpm --filter @vrijuit/web messages` before type checks and tests).
 *
 * A page's language (SPEC LN3): the participant's own choice (the `vrijuit-lang` cookie), else the
 * language the browser asks for (Accept-Language, matched on the language alone: fr-FR gets fr-BE),
 * else Dutch: `custom-request`, defined in hooks.server.ts by src/lib/i18n/negotiate.ts. In the
 * browser the page keeps what the server chose, and phones and the projector may then follow the
 * session's language (src/lib/i18n/locale.svelte.ts).
 *
 * @type {import('@inlang/paraglide-js').CompilerOptions}
 */
export const paraglideOptions = {
  project: './project.inlang',
  outdir: './src/lib/paraglide',
  strategy: ['custom-request', 'baseLocale'],
  cookieName: 'vrijuit-lang',
  emitReadme: false,
};

import type { ClientInit } from '@sveltejs/kit';
import { startLocale } from '$lib/i18n/locale.svelte.ts';

/** Before hydration: the page keeps the language the server rendered it in (<html lang>). */
export const init: ClientInit = () => {
  startLocale();
};

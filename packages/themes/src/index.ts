export { suggestThemes, SUGGEST_TUNING } from './suggest-themes.ts';
export type { SuggestEntry, SuggestInput, SuggestTheme, Suggestions, SuggestTuning } from './suggest-themes.ts';
export type { ThemeLanguage } from './words.ts';
export { cloudWordsOf } from './cloud-words.ts';
export type { CloudWordOf } from './cloud-words.ts';

import { compile } from '@inlang/paraglide-js';
import { paraglideOptions } from '../paraglide.options.js';

// Compiles the message catalogues (messages/*.json) for type checks and unit tests; vite does it itself.
await compile(paraglideOptions);

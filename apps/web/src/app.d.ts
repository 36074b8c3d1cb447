// See https://svelte.dev/docs/kit/types#app.d.ts
// App.Platform: adapter-node's `{ req }`, the Node request the server hands on (with its join lookup, P6).
import type {} from '@sveltejs/adapter-node';

declare global {
  namespace App {
    // interface Error {}
    // interface Locals {}
    // interface PageData {}
    // interface PageState {}
  }
}

export {};

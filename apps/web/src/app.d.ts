// See https://svelte.dev/docs/kit/types#app.d.ts
import type { JoinLookup } from '@vrijuit/protocol';
// App.Platform: adapter-node's `{ req }`, the Node request the server hands on (with its join lookup, P6).
import type {} from '@sveltejs/adapter-node';

declare global {
  namespace App {
    // interface Error {}
    interface Locals {
      /** P6: the server's join-code lookup for this request's client (absent under vite's dev server). */
      joinLookup?: JoinLookup;
    }
    // interface PageData {}
    // interface PageState {}
  }
}

export {};

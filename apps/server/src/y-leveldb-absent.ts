/**
 * Stands in for y-leveldb in the built server (build.mjs): @y/websocket-server imports it for its optional
 * LevelDB store, which it opens only when the YPERSISTENCE environment variable is set. Vrijuit keeps Yjs
 * documents in its SQLite store (yjs-persistence.ts), so the build leaves LevelDB out.
 */
export class LeveldbPersistence {
  constructor() {
    throw new Error('YPERSISTENCE is not supported: Vrijuit keeps Yjs documents in its SQLite store; unset it');
  }
}

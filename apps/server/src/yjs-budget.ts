import * as decoding from 'lib0/decoding';
import { YJS_CLOSE, YJS_LIMITS } from '@vrijuit/protocol';
import * as Y from 'yjs';

/**
 * One y-websocket message as the Yjs server reads it (lib0 varUints, so `0x80 0x00` is 0 as it is there):
 * a sync step 1, a step 2 or update carrying `update` bytes, an awareness update of `bytes`, anything
 * else the server ignores, or a frame it could not decode at all.
 */
export type YjsFrame =
  | { kind: 'sync-step-1' }
  | { kind: 'update'; bytes: number }
  | { kind: 'awareness'; bytes: number }
  | { kind: 'other' }
  | { kind: 'malformed' };

const MESSAGE_SYNC = 0;
const MESSAGE_AWARENESS = 1;
const SYNC_STEP_1 = 0;
const SYNC_STEP_2 = 1;
const SYNC_UPDATE = 2;

export function readFrame(bytes: Uint8Array): YjsFrame {
  try {
    const decoder = decoding.createDecoder(bytes);
    const type = decoding.readVarUint(decoder);
    if (type !== MESSAGE_SYNC && type !== MESSAGE_AWARENESS) return { kind: 'other' };
    const step = type === MESSAGE_SYNC ? decoding.readVarUint(decoder) : null;
    const payload = decoding.readVarUint8Array(decoder);
    // lib0 views a payload in the underlying buffer: a length that lies past the frame is refused here.
    if (decoder.pos > bytes.length) return { kind: 'malformed' };
    if (step === null) return { kind: 'awareness', bytes: payload.length };
    if (step === SYNC_STEP_1) return { kind: 'sync-step-1' };
    if (step === SYNC_STEP_2 || step === SYNC_UPDATE) return { kind: 'update', bytes: payload.length };
    return { kind: 'other' };
  } catch {
    return { kind: 'malformed' };
  }
}

/** A token bucket of one connection: up to `capacity` at once, refilled at `perSecond`; takes any amount. */
class Bucket {
  #tokens: number;
  #at: number;
  constructor(
    readonly capacity: number,
    readonly perSecond: number,
    readonly now: () => number,
  ) {
    this.#tokens = capacity;
    this.#at = now();
  }

  take(amount: number): boolean {
    const now = this.now();
    this.#tokens = Math.min(this.capacity, this.#tokens + ((now - this.#at) * this.perSecond) / 1000);
    this.#at = now;
    if (this.#tokens < amount) return false;
    this.#tokens -= amount;
    return true;
  }
}

/** What happens to a message: it goes to the Yjs server, it is dropped, or the connection is closed. */
export type Verdict = 'pass' | 'drop' | { close: number; reason: string };

/**
 * TX4: the budgets of one Yjs connection (YJS_LIMITS): messages and bytes per second (over them: closed),
 * awareness messages per second (over: dropped) and per message (over: closed). Real time, like the
 * command limits: a test's clock must not freeze them.
 */
export class ConnectionBudget {
  readonly #messages: Bucket;
  readonly #bytes: Bucket;
  readonly #awareness: Bucket;

  constructor(now: () => number = Date.now) {
    this.#messages = new Bucket(YJS_LIMITS.messagesBurst, YJS_LIMITS.messagesPerSecond, now);
    this.#bytes = new Bucket(YJS_LIMITS.bytesBurst, YJS_LIMITS.bytesPerSecond, now);
    this.#awareness = new Bucket(YJS_LIMITS.awarenessBurst, YJS_LIMITS.awarenessPerSecond, now);
  }

  admit(length: number, frame: YjsFrame): Verdict {
    if (!this.#messages.take(1) || !this.#bytes.take(length)) {
      return { close: YJS_CLOSE.tooFast, reason: 'too many messages or bytes' };
    }
    if (frame.kind !== 'awareness') return 'pass';
    if (frame.bytes > YJS_LIMITS.awarenessMaxBytes) return { close: YJS_CLOSE.tooLarge, reason: 'awareness too large' };
    return this.#awareness.take(1) ? 'pass' : 'drop';
  }
}

/**
 * Room counted per update on top of its length: an insert inside a run of text splits an item, and the
 * split-off half is one more struct header (a few varints) in the encoded state.
 */
const SPLIT_MARGIN = 32;

/**
 * TX4: whether an update of `bytes` keeps a document within YJS_LIMITS.documentMaxBytes. The size is
 * estimated: the encoded state when last measured plus every update taken since (its length and
 * SPLIT_MARGIN). Only when the estimate would pass the limit is the document encoded again to measure
 * it, so a text far below the limit costs no encoding per keystroke.
 */
export class DocumentSizes {
  readonly #estimates = new WeakMap<Y.Doc, number>();

  constructor(readonly max: number = YJS_LIMITS.documentMaxBytes) {}

  /** True, and counts the update, when it fits; false (nothing counted) when it would pass the limit. */
  take(doc: Y.Doc, bytes: number): boolean {
    const added = bytes + SPLIT_MARGIN;
    let size = this.#estimates.get(doc) ?? Y.encodeStateAsUpdate(doc).length;
    if (size + added > this.max) size = Y.encodeStateAsUpdate(doc).length;
    if (size + added > this.max) {
      this.#estimates.set(doc, size);
      return false;
    }
    this.#estimates.set(doc, size + added);
    return true;
  }
}

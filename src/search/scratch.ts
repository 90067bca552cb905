/**
 * Where the query path gets its temporary typed arrays (match sets being merged, score accumulators,
 * candidate lists). Every array handed out is zero-filled, like `new Float64Array(n)`.
 */
export interface Alloc {
  u8(n: number): Uint8Array;
  i8(n: number): Int8Array;
  u16(n: number): Uint16Array;
  u32(n: number): Uint32Array;
  f64(n: number): Float64Array;
}

/** Fresh arrays each time: for callers that keep what they get (tests, one-off calls). */
export const HEAP: Alloc = {
  u8: (n) => new Uint8Array(n),
  i8: (n) => new Int8Array(n),
  u16: (n) => new Uint16Array(n),
  u32: (n) => new Uint32Array(n),
  f64: (n) => new Float64Array(n),
};

/** Beyond this a query's scratch is allocated afresh rather than kept: one odd query does not pin memory for ever. */
const MAX_BYTES = 48 * 2 ** 20;

/**
 * A bump allocator over one buffer the engine keeps: arrays are views into it, valid until the next
 * `reset()`, which the query path calls when it starts matching. A common word's matching used to
 * allocate ~90 bytes per match in fresh typed arrays (2.6 MB for 28k matches), and that garbage set
 * the latency tail through scavenges and old-generation collections.
 * Reuse is safe because a query runs to completion synchronously and nothing handed out outlives
 * it: results (the cached match set, the kept positions) are copied out before the query returns.
 * A query that wants more than the buffer gets fresh arrays for the rest, and the buffer grows to
 * what it wanted at the next reset.
 * Example: `s.reset(); const a = s.f64(3)` → `Float64Array [0, 0, 0]` inside s's buffer.
 */
export class Scratch implements Alloc {
  private buffer = new ArrayBuffer(0);
  private used = 0;
  private wanted = 0;

  reset(): void {
    if (this.wanted > this.buffer.byteLength && this.buffer.byteLength < MAX_BYTES) {
      this.buffer = new ArrayBuffer(Math.min(MAX_BYTES, Math.ceil((this.wanted * 1.25) / 8) * 8));
    }
    this.used = 0;
    this.wanted = 0;
  }

  /** Byte offset of a free region of `bytes` (8-aligned, so any element type fits), or -1. */
  private take(bytes: number): number {
    const at = this.used;
    const end = at + Math.ceil(bytes / 8) * 8;
    this.wanted += end - at;
    if (end > this.buffer.byteLength) return -1;
    this.used = end;
    return at;
  }

  u8(n: number): Uint8Array {
    const at = this.take(n);
    return at < 0 ? new Uint8Array(n) : new Uint8Array(this.buffer, at, n).fill(0);
  }

  i8(n: number): Int8Array {
    const at = this.take(n);
    return at < 0 ? new Int8Array(n) : new Int8Array(this.buffer, at, n).fill(0);
  }

  u16(n: number): Uint16Array {
    const at = this.take(n * 2);
    return at < 0 ? new Uint16Array(n) : new Uint16Array(this.buffer, at, n).fill(0);
  }

  u32(n: number): Uint32Array {
    const at = this.take(n * 4);
    return at < 0 ? new Uint32Array(n) : new Uint32Array(this.buffer, at, n).fill(0);
  }

  f64(n: number): Float64Array {
    const at = this.take(n * 8);
    return at < 0 ? new Float64Array(n) : new Float64Array(this.buffer, at, n).fill(0);
  }
}

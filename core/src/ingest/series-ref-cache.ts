import type { Labels, SeriesRef } from '@panoptes/storage';

/** What the cache remembers about a label set that passed validation. */
export interface CachedSeries {
  ref: SeriesRef;
  /** The validated, sorted label set (kept for exemplars and for appending by labels). */
  readonly labels: Labels;
}

/** 32-bit multiplicative hash over bytes [start, end), four bytes at a time. */
export function hashBytes(buf: Uint8Array, start: number, end: number): number {
  let h = 0x811c9dc5 ^ (end - start);
  let i = start;
  for (; i + 4 <= end; i += 4) {
    const w = buf[i]! | (buf[i + 1]! << 8) | (buf[i + 2]! << 16) | (buf[i + 3]! << 24);
    h = Math.imul(h ^ w, 0x01000193);
    h ^= h >>> 15;
  }
  for (; i < end; i++) h = Math.imul(h ^ buf[i]!, 0x01000193);
  h ^= h >>> 13;
  h = Math.imul(h, 0x5bd1e995);
  return (h ^ (h >>> 15)) >>> 0;
}

/**
 * Maps a series' identity bytes (its labels as they appear on the wire) to
 * its storage reference, so a known series is appended without decoding or
 * validating its labels again. Lookup hashes the bytes where they lie in the
 * request buffer and compares them with a copy kept in an arena: no string
 * is built per sample (open addressing, linear probing).
 *
 * Bounded: past `maxEntries` it starts over, which costs one slow lookup per
 * series, never correctness.
 */
export class SeriesRefCache {
  private slots = new Int32Array(1 << 16);
  private hashes = new Uint32Array(1 << 12);
  private keyStart = new Int32Array(1 << 12);
  private keyLen = new Int32Array(1 << 12);
  private entries: CachedSeries[] = [];
  private arena = Buffer.allocUnsafe(1 << 20);
  private arenaUsed = 0;

  constructor(private readonly maxEntries = 2_000_000) {}

  get(buf: Uint8Array, start: number, end: number): CachedSeries | undefined {
    const h = hashBytes(buf, start, end);
    const mask = this.slots.length - 1;
    const len = end - start;
    for (let slot = h & mask; ; slot = (slot + 1) & mask) {
      const e = this.slots[slot]!;
      if (e === 0) return undefined;
      const i = e - 1;
      if (this.hashes[i] === h && this.keyLen[i] === len && this.sameBytes(buf, start, this.keyStart[i]!, len)) return this.entries[i];
    }
  }

  set(buf: Uint8Array, start: number, end: number, entry: CachedSeries): void {
    if (this.entries.length >= this.maxEntries) this.clear();
    const len = end - start;
    const i = this.entries.length;
    if (i === this.hashes.length) this.growEntries();
    if (this.arenaUsed + len > this.arena.length) {
      const bigger = Buffer.allocUnsafe(Math.max(this.arena.length * 2, this.arenaUsed + len));
      this.arena.copy(bigger, 0, 0, this.arenaUsed);
      this.arena = bigger;
    }
    this.arena.set(buf.subarray(start, end), this.arenaUsed);
    const h = hashBytes(buf, start, end);
    this.hashes[i] = h;
    this.keyStart[i] = this.arenaUsed;
    this.keyLen[i] = len;
    this.arenaUsed += len;
    this.entries.push(entry);
    // Keep the table at most half full so probes stay short.
    if ((i + 1) * 2 > this.slots.length) this.rehash(this.slots.length * 2);
    else this.insertSlot(h, i);
  }

  /** Forgets everything, e.g. when limits change on reload or a batch was rolled back. */
  clear(): void {
    this.slots = new Int32Array(1 << 16);
    this.entries = [];
    this.arenaUsed = 0;
  }

  get size(): number {
    return this.entries.length;
  }

  private sameBytes(buf: Uint8Array, start: number, at: number, len: number): boolean {
    // Buffer#compare takes ranges on both sides: a native memcmp, no subarray objects.
    return this.arena.compare(buf, start, start + len, at, at + len) === 0;
  }

  private insertSlot(h: number, i: number): void {
    const mask = this.slots.length - 1;
    let slot = h & mask;
    while (this.slots[slot] !== 0) slot = (slot + 1) & mask;
    this.slots[slot] = i + 1;
  }

  private rehash(size: number): void {
    this.slots = new Int32Array(size);
    for (let i = 0; i < this.entries.length; i++) this.insertSlot(this.hashes[i]!, i);
  }

  private growEntries(): void {
    const n = this.hashes.length * 2;
    const h = new Uint32Array(n);
    h.set(this.hashes);
    this.hashes = h;
    const s = new Int32Array(n);
    s.set(this.keyStart);
    this.keyStart = s;
    const l = new Int32Array(n);
    l.set(this.keyLen);
    this.keyLen = l;
  }
}

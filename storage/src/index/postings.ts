import type { Label } from '../api.js';
import { ByteReader, ByteWriter } from '../varint.js';

/**
 * Set operations on postings: sorted, duplicate-free Uint32Arrays of series
 * ids. Each is one linear merge, so a selector costs the size of the postings
 * it touches, never the number of series.
 */
export const EMPTY_POSTINGS = new Uint32Array(0);

export function intersect(a: Uint32Array, b: Uint32Array): Uint32Array {
  if (a.length > b.length) [a, b] = [b, a];
  const out = new Uint32Array(a.length);
  let n = 0;
  let j = 0;
  for (let i = 0; i < a.length && j < b.length; i++) {
    const x = a[i]!;
    // gallop b forward
    while (j < b.length && b[j]! < x) j++;
    if (j < b.length && b[j] === x) out[n++] = x;
  }
  return out.subarray(0, n);
}

export function subtract(a: Uint32Array, b: Uint32Array): Uint32Array {
  const out = new Uint32Array(a.length);
  let n = 0;
  let j = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    while (j < b.length && b[j]! < x) j++;
    if (j < b.length && b[j] === x) continue;
    out[n++] = x;
  }
  return out.subarray(0, n);
}

/** Union of many postings lists (k-way by repeated pairwise merge, smallest first). */
export function unionAll(lists: Uint32Array[]): Uint32Array {
  if (lists.length === 0) return EMPTY_POSTINGS;
  if (lists.length === 1) return lists[0]!;
  const queue = lists.slice().sort((x, y) => x.length - y.length);
  while (queue.length > 1) {
    const a = queue.shift()!;
    const b = queue.shift()!;
    const m = union(a, b);
    let k = 0;
    while (k < queue.length && queue[k]!.length < m.length) k++;
    queue.splice(k, 0, m);
  }
  return queue[0]!;
}

export function union(a: Uint32Array, b: Uint32Array): Uint32Array {
  const out = new Uint32Array(a.length + b.length);
  let i = 0;
  let j = 0;
  let n = 0;
  while (i < a.length && j < b.length) {
    const x = a[i]!;
    const y = b[j]!;
    if (x < y) {
      out[n++] = x;
      i++;
    } else if (y < x) {
      out[n++] = y;
      j++;
    } else {
      out[n++] = x;
      i++;
      j++;
    }
  }
  while (i < a.length) out[n++] = a[i++]!;
  while (j < b.length) out[n++] = b[j++]!;
  return out.subarray(0, n);
}

/** Stored form: `count uvarint`, then the first id and the gaps between ids as uvarints. */
export function encodePostings(ids: Uint32Array): Uint8Array {
  const w = new ByteWriter(ids.length + 8);
  w.uvarint(ids.length);
  let prev = 0;
  for (let i = 0; i < ids.length; i++) {
    w.uvarint(ids[i]! - prev);
    prev = ids[i]!;
  }
  return w.result();
}

export function decodePostings(b: Uint8Array): Uint32Array {
  const r = new ByteReader(b);
  const n = r.uvarint();
  const out = new Uint32Array(n);
  let prev = 0;
  for (let i = 0; i < n; i++) {
    prev += r.uvarint();
    out[i] = prev;
  }
  return out;
}

/** A postings list that grows by appending ids in increasing order (new series get the next id). */
export class GrowablePostings {
  private ids = new Uint32Array(4);
  length = 0;
  /** The name=value pair these postings are for, shared by the head's series (set on first add through the head). */
  label: Label | null = null;

  add(id: number): void {
    if (this.length > 0 && this.ids[this.length - 1]! >= id) {
      this.insertSorted(id);
      return;
    }
    if (this.length === this.ids.length) {
      const next = new Uint32Array(this.ids.length * 2);
      next.set(this.ids);
      this.ids = next;
    }
    this.ids[this.length++] = id;
  }

  private insertSorted(id: number): void {
    const view = this.view();
    let lo = 0;
    let hi = view.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (view[mid]! < id) lo = mid + 1;
      else hi = mid;
    }
    if (view[lo] === id) return;
    const next = new Uint32Array(Math.max(this.ids.length, this.length + 1) * (this.length + 1 > this.ids.length ? 2 : 1));
    next.set(view.subarray(0, lo));
    next[lo] = id;
    next.set(view.subarray(lo), lo + 1);
    this.ids = next;
    this.length++;
  }

  remove(id: number): void {
    const view = this.view();
    const i = view.indexOf(id);
    if (i < 0) return;
    this.ids.copyWithin(i, i + 1, this.length);
    this.length--;
  }

  /** A view of the ids (valid until the next add). */
  view(): Uint32Array {
    return this.ids.subarray(0, this.length);
  }

  memoryBytes(): number {
    return this.ids.byteLength + 48;
  }
}

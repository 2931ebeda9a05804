import type { Labels } from '../api.js';
import { StorageError } from '../errors.js';
import { writeUtf8, utf8Length } from '../utf8.js';
import { ByteReader } from '../varint.js';

const utf8d = new TextDecoder();

/** A string that identifies a sorted label set; the head's series map is keyed by it. */
export function labelsKey(labels: Labels): string {
  let k = '';
  for (let i = 0; i < labels.length; i++) {
    const l = labels[i]!;
    k += l.name + '\u0000' + l.value + '\u0001';
  }
  return k;
}

/**
 * labelsKey as one flat string, for keys the head keeps. `+=` builds a tree
 * of concatenation nodes (two per label) that a Map key keeps alive: about
 * 450 bytes per series of seven labels, more than the flat text itself.
 * join() writes a single sequential string.
 */
export function labelsKeyFlat(labels: Labels): string {
  const parts = new Array<string>(labels.length * 4);
  for (let i = 0; i < labels.length; i++) {
    const l = labels[i]!;
    parts[i * 4] = l.name;
    parts[i * 4 + 1] = '\u0000';
    parts[i * 4 + 2] = l.value;
    parts[i * 4 + 3] = '\u0001';
  }
  return parts.join('');
}

/** Throws PNP_STORAGE_BAD_INPUT unless names are non-empty, sorted and unique, and no value is empty. */
export function validateLabels(labels: Labels): void {
  if (labels.length === 0) throw new StorageError('PNP_STORAGE_BAD_INPUT', 'a series needs at least one label');
  for (let i = 0; i < labels.length; i++) {
    const l = labels[i]!;
    if (typeof l.name !== 'string' || l.name === '' || typeof l.value !== 'string') {
      throw new StorageError('PNP_STORAGE_BAD_INPUT', `label ${i} of ${formatLabels(labels)} has an empty or non-string name or value`);
    }
    if (l.name.length > 16384) {
      throw new StorageError('PNP_STORAGE_BAD_INPUT', `label name "${l.name.slice(0, 40)}…" is longer than 16384 characters`);
    }
    if (l.value === '') {
      throw new StorageError('PNP_STORAGE_BAD_INPUT', `label ${l.name} of ${formatLabels(labels)} has an empty value; drop the label instead`);
    }
    if (i > 0 && labels[i - 1]!.name >= l.name) {
      throw new StorageError('PNP_STORAGE_BAD_INPUT', `labels of ${formatLabels(labels)} are not sorted by name or repeat "${l.name}"`);
    }
  }
}

/** `{a="b", c="d"}`, as Prometheus prints label sets in messages. */
export function formatLabels(labels: Labels): string {
  return `{${labels.map((l) => `${l.name}=${JSON.stringify(l.value)}`).join(', ')}}`;
}

/** Orders label sets as Prometheus does: pair by pair, name then value; a prefix sorts first. */
export function compareLabels(a: Labels, b: Labels): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x.name !== y.name) return x.name < y.name ? -1 : 1;
    if (x.value !== y.value) return x.value < y.value ? -1 : 1;
  }
  return a.length - b.length;
}

/** LevelDB form of a label set: `count uvarint, (len uvarint, utf8)*` names and values alternating. */
export function encodeLabels(labels: Labels): Uint8Array {
  // Sized exactly up front (lengths below 2^14 take at most 2 varint bytes; longer ones are measured), one allocation.
  let size = uvarintLength(labels.length);
  for (let i = 0; i < labels.length; i++) {
    const l = labels[i]!;
    const n = utf8Length(l.name);
    const v = utf8Length(l.value);
    size += uvarintLength(n) + n + uvarintLength(v) + v;
  }
  const out = new Uint8Array(size);
  let off = putUvarint(out, 0, labels.length);
  for (let i = 0; i < labels.length; i++) {
    const l = labels[i]!;
    off = putUvarint(out, off, utf8Length(l.name));
    off = writeUtf8(l.name, out, off);
    off = putUvarint(out, off, utf8Length(l.value));
    off = writeUtf8(l.value, out, off);
  }
  return out;
}

function uvarintLength(x: number): number {
  let n = 1;
  while (x >= 0x80) {
    x = Math.floor(x / 0x80);
    n++;
  }
  return n;
}

function putUvarint(out: Uint8Array, off: number, x: number): number {
  while (x >= 0x80) {
    out[off++] = (x % 0x80) | 0x80;
    x = Math.floor(x / 0x80);
  }
  out[off++] = x;
  return off;
}

export function decodeLabels(b: Uint8Array): Labels {
  const r = new ByteReader(b);
  const n = r.uvarint();
  const out: { name: string; value: string }[] = [];
  for (let i = 0; i < n; i++) {
    const nl = r.uvarint();
    const name = utf8d.decode(b.subarray(r.pos, r.pos + nl));
    r.pos += nl;
    const vl = r.uvarint();
    const value = utf8d.decode(b.subarray(r.pos, r.pos + vl));
    r.pos += vl;
    out.push({ name, value });
  }
  return out;
}

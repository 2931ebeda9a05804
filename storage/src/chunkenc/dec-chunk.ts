import { BitReader } from './bit-reader.js';
import { BitWriter, unzigzag, zigzag } from './bit-writer.js';
import { ChunkDecodeError } from './errors.js';
import { readDod, writeDod } from './timestamps.js';
import { CHUNK_HEADER_BYTES } from './xor-chunk.js';

export const ENCODING_DEC = 2;

/** Largest decimal exponent tried: values with more digits stay XOR. */
const MAX_EXPONENT = 12;
// Keeps zig-zag of deltas and delta-of-deltas exact in float64 arithmetic.
const MAX_SAFE = 2 ** 50;
const POW10 = Array.from({ length: MAX_EXPONENT + 1 }, (_, e) => 10 ** e);

const enum ValueMode {
  Constant = 0,
  Delta = 1,
  DeltaOfDelta = 2,
}

/**
 * Finds the smallest e such that every value is exactly m / 10^e for a safe
 * integer m, or -1. Exactness is checked by the same division the decoder
 * does, so decoding gives back the identical float (NaN, ±Inf and -0 fail).
 */
export function decimalExponent(vs: ArrayLike<number>, from: number, to: number): number {
  next: for (let e = 0; e <= MAX_EXPONENT; e++) {
    const s = POW10[e]!;
    for (let i = from; i < to; i++) {
      const v = vs[i]!;
      const m = Math.round(v * s);
      if (!(m / s === v) || Math.abs(m) >= MAX_SAFE || (v === 0 && 1 / v < 0)) continue next;
    }
    return e;
  }
  return -1;
}

function gcd(a: number, b: number): number {
  while (b !== 0) {
    const r = a % b;
    a = b;
    b = r;
  }
  return a;
}

function bitLength(z: number): number {
  return z < 0x100000000 ? 32 - Math.clz32(z) : 32 + (32 - Math.clz32(Math.floor(z / 0x100000000)));
}

/**
 * Residual code: with a zero code, `0` for zero and `1` before the rest;
 * then `0` + w bits when the zig-zag value fits the chunk's width w, `1` +
 * 6-bit length + the bits otherwise. The encoder picks
 * w per chunk from a histogram of bit lengths, so both steady counters and
 * noisy gauges pay close to their spread.
 */
function residualCost(hist: Uint32Array, w: number, zeroCode: boolean): number {
  let bits = zeroCode ? hist[0]! : hist[0]! * (1 + w);
  const fit = zeroCode ? 2 + w : 1 + w;
  const escape = zeroCode ? 8 : 7;
  for (let len = 1; len < hist.length; len++) {
    const c = hist[len]!;
    if (c !== 0) bits += c * (len <= w ? fit : escape + len);
  }
  return bits;
}

interface ResidualCode {
  /** Bits per residual that fits. */
  readonly w: number;
  /** Whether zero has its own one-bit code (worth it when zeros are common). */
  readonly zeroCode: boolean;
  readonly bits: number;
}

function bestCode(hist: Uint32Array): ResidualCode {
  let best: ResidualCode = { w: 0, zeroCode: true, bits: residualCost(hist, 0, true) };
  for (let w = 0; w < hist.length; w++) {
    for (const zeroCode of [true, false]) {
      const bits = residualCost(hist, w, zeroCode);
      if (bits < best.bits) best = { w, zeroCode, bits };
    }
  }
  return best;
}

function writeResidual(bw: BitWriter, z: number, code: ResidualCode): void {
  const w = code.w;
  if (code.zeroCode) {
    if (z === 0) {
      bw.writeBit(0);
      return;
    }
    bw.writeBit(1);
  }
  const len = bitLength(z);
  if (len <= w) {
    bw.writeBit(0);
    bw.writeBits64(Math.floor(z / 0x100000000), z >>> 0, w);
  } else {
    bw.writeBit(1);
    bw.writeBits(len, 6);
    bw.writeBits64(Math.floor(z / 0x100000000), z >>> 0, len);
  }
}

function readResidual(r: BitReader, w: number, zeroCode: boolean): number {
  if (zeroCode && r.readBit() === 0) return 0;
  const len = r.readBit() === 0 ? w : r.readBits(6);
  if (len > 32) return r.readBits(len - 32) * 0x100000000 + r.readBits(32);
  return r.readBits(len);
}

/**
 * Encodes samples [from, to) as a decimal-integer chunk, or returns null when
 * some value is not a short decimal. Timestamps: a flag for perfectly regular
 * spacing (then only start and step), else Gorilla delta-of-delta. Values:
 * integers m = v·10^e divided by the gcd of their steps, then constant, delta
 * or delta-of-delta residuals, whichever is smallest.
 */
export function encodeDec(ts: ArrayLike<number>, vs: ArrayLike<number>, from: number, to: number): Uint8Array | null {
  const n = to - from;
  if (n <= 0) return null;
  const e = decimalExponent(vs, from, to);
  if (e < 0) return null;
  const s = POW10[e]!;
  const m = new Float64Array(n);
  for (let i = 0; i < n; i++) m[i] = Math.round(vs[from + i]! * s);
  let g = 0;
  for (let i = 1; i < n; i++) g = gcd(g, Math.abs(m[i]! - m[i - 1]!));
  let mode = ValueMode.Constant;
  let code: ResidualCode = { w: 0, zeroCode: true, bits: 0 };
  const zDelta = new Float64Array(n);
  let minDelta = Infinity;
  const zDod = new Float64Array(n);
  if (g !== 0) {
    const hDelta = new Uint32Array(56);
    const hDod = new Uint32Array(56);
    let prev = 0;
    for (let i = 1; i < n; i++) {
      const d = (m[i]! - m[i - 1]!) / g;
      if (d < minDelta) minDelta = d;
    }
    for (let i = 1; i < n; i++) {
      const d = (m[i]! - m[i - 1]!) / g;
      // Frame of reference: counters never go below their smallest step.
      zDelta[i] = d - minDelta;
      hDelta[bitLength(zDelta[i]!)]!++;
      if (i >= 2) {
        zDod[i] = zigzag(d - prev);
        hDod[bitLength(zDod[i]!)]!++;
      }
      prev = d;
    }
    const byDelta = bestCode(hDelta);
    const byDod = bestCode(hDod);
    // The first delta costs a varint in dod mode; about the same in both.
    if (byDod.bits < byDelta.bits) {
      mode = ValueMode.DeltaOfDelta;
      code = byDod;
    } else {
      mode = ValueMode.Delta;
      code = byDelta;
    }
  }

  const bw = new BitWriter(Math.max(32, n));
  bw.writeBits(ENCODING_DEC, 8);
  bw.writeBits(n >>> 8, 8);
  bw.writeBits(n & 0xff, 8);

  let regular = true;
  for (let i = from + 2; i < to && regular; i++) {
    if (ts[i]! - ts[i - 1]! !== ts[from + 1]! - ts[from]!) regular = false;
  }
  bw.writeBit(regular ? 1 : 0);
  bw.writeVarint(ts[from]!);
  if (n > 1) bw.writeUvarint(ts[from + 1]! - ts[from]!);
  if (!regular) {
    let delta = ts[from + 1]! - ts[from]!;
    for (let i = from + 2; i < to; i++) {
      const d = ts[i]! - ts[i - 1]!;
      writeDod(bw, d - delta);
      delta = d;
    }
  }

  bw.writeBits(e, 4);
  bw.writeBits(mode, 2);
  bw.writeVarint(m[0]!);
  if (mode !== ValueMode.Constant) {
    bw.writeUvarint(g);
    bw.writeBits(code.w, 6);
    bw.writeBit(code.zeroCode ? 1 : 0);
    if (mode === ValueMode.Delta) {
      bw.writeVarint(minDelta);
      for (let i = 1; i < n; i++) writeResidual(bw, zDelta[i]!, code);
    } else {
      bw.writeVarint((m[1]! - m[0]!) / g);
      for (let i = 2; i < n; i++) writeResidual(bw, zDod[i]!, code);
    }
  }
  return bw.bytes().slice();
}

/** Decodes a decimal-integer chunk into `outT`/`outV` from `at`; returns the sample count. */
export function decodeDec(bytes: Uint8Array, outT: Float64Array, outV: Float64Array, at: number): number {
  const n = (bytes[1]! << 8) | bytes[2]!;
  if (n === 0) return 0;
  const r = new BitReader(bytes, CHUNK_HEADER_BYTES);
  const regular = r.readBit() === 1;
  let t = r.readVarint();
  outT[at] = t;
  if (n > 1) {
    let delta = r.readUvarint();
    t += delta;
    outT[at + 1] = t;
    for (let i = 2; i < n; i++) {
      if (!regular) delta += readDod(r);
      t += delta;
      outT[at + i] = t;
    }
  }
  const e = r.readBits(4);
  if (e > MAX_EXPONENT) throw new ChunkDecodeError(`decimal exponent ${e} out of range`);
  const s = POW10[e]!;
  const mode = r.readBits(2) as ValueMode;
  let m = r.readVarint();
  outV[at] = m / s;
  if (mode === ValueMode.Constant) {
    const v = m / s;
    for (let i = 1; i < n; i++) outV[at + i] = v;
    return n;
  }
  const g = r.readUvarint();
  const width = r.readBits(6);
  const zeroCode = r.readBit() === 1;
  if (mode === ValueMode.Delta) {
    const minDelta = r.readVarint();
    for (let i = 1; i < n; i++) {
      m += (minDelta + readResidual(r, width, zeroCode)) * g;
      outV[at + i] = m / s;
    }
  } else if (mode === ValueMode.DeltaOfDelta) {
    let d = r.readVarint();
    m += d * g;
    if (n > 1) outV[at + 1] = m / s;
    for (let i = 2; i < n; i++) {
      d += unzigzag(readResidual(r, width, zeroCode));
      m += d * g;
      outV[at + i] = m / s;
    }
  } else {
    throw new ChunkDecodeError(`unknown value mode ${mode as number}`);
  }
  return n;
}

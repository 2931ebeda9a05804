import { BitReader } from './bit-reader.js';
import { BitWriter } from './bit-writer.js';
import { ChunkDecodeError } from './errors.js';
import { clz64, ctz64, floatFromBits, hiBits, loadFloat, loBits } from './float-bits.js';
import { readDod, writeDod } from './timestamps.js';

export const ENCODING_XOR = 1;
/** Chunk header: encoding byte, then the sample count as u16 big-endian. */
export const CHUNK_HEADER_BYTES = 3;
/** The u16 count caps a chunk; cutters stay below it. */
export const MAX_CHUNK_SAMPLES = 65535;

/**
 * Streaming Gorilla encoder (Pelkonen et al. 2015, as in Prometheus'
 * XORChunk): delta-of-delta timestamps and XOR'd float bits. Timestamps must
 * strictly increase; the head routes anything else to its out-of-order buffer.
 * One appender per series, a handful of numbers of state: no object per sample.
 */
export class XorAppender {
  private readonly w: BitWriter;
  count = 0;
  mint = 0;
  maxt = 0;
  private tDelta = 0;
  private vHi = 0;
  private vLo = 0;
  private leading = 0xff;
  private trailing = 0;

  constructor(initialBytes = 32) {
    this.w = new BitWriter(initialBytes);
    this.w.writeBits(ENCODING_XOR, 8);
    this.w.writeBits(0, 16);
  }

  append(t: number, v: number): void {
    const w = this.w;
    this.snapshot = null;
    loadFloat(v);
    const hi = hiBits();
    const lo = loBits();
    if (this.count === 0) {
      w.writeVarint(t);
      w.writeBits(hi, 32);
      w.writeBits(lo, 32);
      this.mint = t;
    } else {
      const delta = t - this.maxt;
      if (this.count === 1) w.writeUvarint(delta);
      else writeDod(w, delta - this.tDelta);
      this.tDelta = delta;
      this.writeValue(hi, lo);
    }
    this.vHi = hi;
    this.vLo = lo;
    this.maxt = t;
    this.count++;
  }

  private writeValue(hi: number, lo: number): void {
    const w = this.w;
    const xh = (hi ^ this.vHi) >>> 0;
    const xl = (lo ^ this.vLo) >>> 0;
    if (xh === 0 && xl === 0) {
      w.writeBit(0);
      return;
    }
    let lead = clz64(xh, xl);
    const trail = ctz64(xh, xl);
    if (lead > 31) lead = 31; // 5 bits hold the leading count
    if (this.leading !== 0xff && lead >= this.leading && trail >= this.trailing) {
      w.writeBits(0b10, 2);
      writeShifted(w, xh, xl, this.trailing, 64 - this.leading - this.trailing);
      return;
    }
    this.leading = lead;
    this.trailing = trail;
    const sig = 64 - lead - trail;
    w.writeBits(0b11, 2);
    w.writeBits(lead, 5);
    // 64 significant bits are written as 0: sig 0 can never occur here.
    w.writeBits(sig & 63, 6);
    writeShifted(w, xh, xl, trail, sig);
  }

  /**
   * Bytes of the chunk so far (a copy, safe to keep). The copy is kept until
   * the next append: every query between two scrapes reads the open chunk,
   * and they all share one copy instead of making one each.
   */
  bytes(): Uint8Array {
    if (this.snapshot !== null) return this.snapshot;
    const out = this.w.bytes().slice();
    out[1] = this.count >>> 8;
    out[2] = this.count & 0xff;
    this.snapshot = out;
    return out;
  }

  private snapshot: Uint8Array | null = null;

  /** Bytes held in memory, for head accounting. */
  memoryBytes(): number {
    return this.w.capacity() + 64 + (this.snapshot?.length ?? 0);
  }
}

/** Writes `n` bits of the 64-bit value xh:xl shifted right by `shift`. */
function writeShifted(w: BitWriter, xh: number, xl: number, shift: number, n: number): void {
  let hi: number;
  let lo: number;
  if (shift === 0) {
    hi = xh;
    lo = xl;
  } else if (shift >= 32) {
    hi = 0;
    lo = xh >>> (shift - 32);
  } else {
    hi = xh >>> shift;
    lo = ((xl >>> shift) | (xh << (32 - shift))) >>> 0;
  }
  w.writeBits64(hi, lo, n);
}

/** Encodes samples [from, to) as one XOR chunk. */
export function encodeXor(ts: ArrayLike<number>, vs: ArrayLike<number>, from: number, to: number): Uint8Array {
  const a = new XorAppender(Math.max(32, (to - from) * 2));
  for (let i = from; i < to; i++) a.append(ts[i]!, vs[i]!);
  return a.bytes();
}

/**
 * Scratch copy of the chunk being decoded, with zero padding after it, so
 * the decoder can always load 5 bytes at a bit position without a bounds
 * branch per read. Grown on demand; chunks are at most a few KiB.
 */
let scratch = new Uint8Array(4096);
/** Big-endian 32-bit loads over `scratch`: one load where four byte loads and shifts would do. */
let scratchView = new DataView(scratch.buffer);

/** The 32 bits starting at bit `pos` of the scratch copy (`b` is `scratch`, `dv` its view). */
function peek32(b: Uint8Array, dv: DataView, pos: number): number {
  const i = pos >>> 3;
  const off = pos & 7;
  const w = dv.getUint32(i);
  return off === 0 ? w : ((w << off) | (b[i + 4]! >>> (8 - off))) >>> 0;
}

/**
 * Decodes an XOR chunk's samples at or after `minT` into `outT`/`outV`
 * starting at `at`; returns how many it wrote. The hot loop of every query: written by hand with the bit
 * position in a local and one 32-bit peek per field, because going through
 * BitReader per bit made decoding the largest cost of a select.
 */
export function decodeXor(bytes: Uint8Array, outT: Float64Array, outV: Float64Array, at: number, minT = -Infinity): number {
  const n = (bytes[1]! << 8) | bytes[2]!;
  if (n === 0) return 0;
  const r = new BitReader(bytes, CHUNK_HEADER_BYTES);
  let t = r.readVarint();
  let hi = r.readBits(32);
  let lo = r.readBits(32);
  // Samples before minT are decoded (the stream is sequential) but not written out.
  let k = at;
  if (t >= minT) {
    outT[k] = t;
    outV[k++] = floatFromBits(hi, lo);
  }
  if (n === 1) return k - at;
  let delta = r.readUvarint();
  if (scratch.length < bytes.length + 8) {
    scratch = new Uint8Array(bytes.length * 2 + 8);
    scratchView = new DataView(scratch.buffer);
  }
  const b = scratch;
  const dv = scratchView;
  b.set(bytes);
  b.fill(0, bytes.length, bytes.length + 8);
  const endBit = bytes.length * 8;
  let pos = r.position;
  let leading = 0;
  let trailing = 0;
  for (let i = 1; i < n; i++) {
    if (i > 1) {
      // Delta-of-delta buckets of writeDod: 0 | 10+14 | 110+17 | 1110+20 | 1111+varint.
      const p = peek32(b, dv, pos);
      if (p >>> 31 === 0) pos += 1;
      else if (p >>> 30 === 0b10) {
        const u = (p >>> 16) & 0x3fff;
        delta += u >= 0x2000 ? u - 0x4000 : u;
        pos += 16;
      } else if (p >>> 29 === 0b110) {
        const u = (p >>> 12) & 0x1ffff;
        delta += u >= 0x10000 ? u - 0x20000 : u;
        pos += 20;
      } else if (p >>> 28 === 0b1110) {
        const u = (p >>> 8) & 0xfffff;
        delta += u >= 0x80000 ? u - 0x100000 : u;
        pos += 24;
      } else {
        r.position = pos + 4;
        delta += r.readVarint();
        pos = r.position;
      }
    }
    t += delta;
    const p = peek32(b, dv, pos);
    if (p >>> 31 === 0) {
      pos += 1;
    } else {
      if (p >>> 30 === 0b11) {
        leading = (p >>> 25) & 31;
        let sig = (p >>> 19) & 63;
        if (sig === 0) sig = 64;
        trailing = 64 - leading - sig;
        if (trailing < 0) throw new ChunkDecodeError(`bad XOR window at sample ${i}`);
        pos += 13;
      } else {
        pos += 2;
      }
      const sig = 64 - leading - trailing;
      let xh = 0;
      let xl = 0;
      if (sig > 32) {
        xh = peek32(b, dv, pos) >>> (64 - sig);
        pos += sig - 32;
        xl = peek32(b, dv, pos);
        pos += 32;
      } else {
        xl = peek32(b, dv, pos) >>> (32 - sig);
        pos += sig;
      }
      // shift left by `trailing`
      if (trailing >= 32) {
        xh = (xl << (trailing - 32)) >>> 0;
        xl = 0;
      } else if (trailing > 0) {
        xh = ((xh << trailing) | (xl >>> (32 - trailing))) >>> 0;
        xl = (xl << trailing) >>> 0;
      }
      hi = (hi ^ xh) >>> 0;
      lo = (lo ^ xl) >>> 0;
    }
    if (pos > endBit) throw new ChunkDecodeError('bit stream ends early');
    if (t >= minT) {
      outT[k] = t;
      outV[k++] = floatFromBits(hi, lo);
    }
  }
  return k - at;
}

import { unzigzag } from './bit-writer.js';
import { ChunkDecodeError } from './errors.js';

/** Reads a bit stream written by BitWriter. Reading past the end throws ChunkDecodeError. */
export class BitReader {
  private pos = 0;
  private readonly endBit: number;

  constructor(
    private readonly buf: Uint8Array,
    startByte = 0,
  ) {
    this.pos = startByte * 8;
    this.endBit = buf.length * 8;
  }

  readBit(): number {
    if (this.pos >= this.endBit) throw new ChunkDecodeError('bit stream ends early');
    const bit = (this.buf[this.pos >>> 3]! >>> (7 - (this.pos & 7))) & 1;
    this.pos++;
    return bit;
  }

  /** Reads `n` bits (0 ≤ n ≤ 32) as an unsigned number. */
  readBits(n: number): number {
    if (this.pos + n > this.endBit) throw new ChunkDecodeError('bit stream ends early');
    let out = 0;
    const buf = this.buf;
    while (n > 0) {
      const used = this.pos & 7;
      const avail = 8 - used;
      const take = n < avail ? n : avail;
      const bits = (buf[this.pos >>> 3]! >>> (avail - take)) & ((1 << take) - 1);
      // Multiply instead of shifting so 32-bit results stay unsigned.
      out = out * (1 << take) + bits;
      n -= take;
      this.pos += take;
    }
    return out;
  }

  readUvarint(): number {
    let x = 0;
    let mul = 1;
    for (let i = 0; i < 8; i++) {
      const b = this.readBits(8);
      x += (b & 0x7f) * mul;
      if (b < 0x80) return x;
      mul *= 0x80;
    }
    throw new ChunkDecodeError('varint longer than 8 bytes');
  }

  readVarint(): number {
    return unzigzag(this.readUvarint());
  }
}

import { IngestError } from '../errors.js';

/**
 * A cursor over protobuf wire bytes that decodes in place: no message
 * objects, only numbers and byte ranges. Callers loop over tags and read or
 * skip fields. Every read is bounds-checked against `end` and throws
 * PNP_INGEST_PROTOBUF_CORRUPT on truncated or malformed input.
 *
 * Varints above 2^53 lose precision; the fields read here (timestamps in ms,
 * lengths, enums, indexes) never get there in real data.
 */
export class ProtoReader {
  buf: Buffer;
  pos: number;
  end: number;
  private readonly view: DataView;

  constructor(buf: Buffer, pos = 0, end = buf.length) {
    this.buf = buf;
    this.pos = pos;
    this.end = end;
    this.view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  }

  /** Moves the cursor to another range of the same buffer. */
  reset(pos: number, end: number): void {
    this.pos = pos;
    this.end = end;
  }

  done(): boolean {
    return this.pos >= this.end;
  }

  varint(): number {
    const buf = this.buf;
    let pos = this.pos;
    if (pos >= this.end) throw this.corrupt('truncated varint');
    // Fast path: a one-byte varint (tags, short lengths).
    let b = buf[pos++]!;
    if (b < 0x80) {
      this.pos = pos;
      return b;
    }
    let result = b & 0x7f;
    let mul = 0x80;
    for (let i = 1; i < 10; i++) {
      if (pos >= this.end) throw this.corrupt('truncated varint');
      b = buf[pos++]!;
      result += (b & 0x7f) * mul;
      if (b < 0x80) {
        this.pos = pos;
        return result;
      }
      mul *= 0x80;
    }
    throw this.corrupt('varint longer than 10 bytes');
  }

  /** A signed int64 varint (two's complement): negative timestamps come out negative. */
  int64(): number {
    const start = this.pos;
    const v = this.varint();
    if (v < 2 ** 53) return v;
    // Ten-byte varints are negative numbers (or huge ones): redo exactly with BigInt, rare enough not to matter.
    let big = 0n;
    let shift = 0n;
    for (let p = start; p < this.pos; p++, shift += 7n) big |= BigInt(this.buf[p]! & 0x7f) << shift;
    return Number(BigInt.asIntN(64, big));
  }

  /** A zigzag sint32/sint64. */
  sint(): number {
    const v = this.varint();
    return v % 2 === 0 ? v / 2 : -(v + 1) / 2;
  }

  double(): number {
    if (this.pos + 8 > this.end) throw this.corrupt('truncated double');
    const v = this.view.getFloat64(this.pos, true);
    this.pos += 8;
    return v;
  }

  /** Reads a length prefix and returns the end of the delimited field; the cursor stays at its start. */
  delimitedEnd(): number {
    const len = this.varint();
    const end = this.pos + len;
    if (end > this.end) throw this.corrupt(`length ${len} runs past the enclosing message`);
    return end;
  }

  /** Reads a length-delimited string as UTF-8. */
  string(): string {
    const end = this.delimitedEnd();
    const s = this.buf.toString('utf8', this.pos, end);
    this.pos = end;
    return s;
  }

  /** Skips one field of the given wire type. */
  skip(wireType: number): void {
    switch (wireType) {
      case 0:
        this.varint();
        return;
      case 1:
        this.pos += 8;
        break;
      case 2:
        this.pos = this.delimitedEnd();
        return;
      case 5:
        this.pos += 4;
        break;
      default:
        throw this.corrupt(`unsupported wire type ${wireType}`);
    }
    if (this.pos > this.end) throw this.corrupt('truncated fixed-size field');
  }

  corrupt(what: string): IngestError {
    return new IngestError('PNP_INGEST_PROTOBUF_CORRUPT', `protobuf: ${what} at byte ${this.pos}`);
  }
}

/**
 * Counts the top-level occurrences of one field (by its tag byte) without
 * decoding them: how remote write enforces its series-per-request limit
 * before any work (v1 TimeSeries is tag 0x0a, v2 TimeSeries 0x2a).
 */
export function countField(buf: Buffer, tag: number): number {
  const r = new ProtoReader(buf);
  let n = 0;
  while (!r.done()) {
    const t = r.varint();
    if (t === tag) n++;
    r.skip(t & 7);
  }
  return n;
}

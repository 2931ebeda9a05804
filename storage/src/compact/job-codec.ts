/**
 * Byte layout of compaction jobs and results: workers get and return plain
 * bytes (transferred, not copied), so nothing but an ArrayBuffer crosses threads.
 *
 * Job:    windowStart f64, windowEnd f64, rollups u8, nSeries u32,
 *         then per series: id u32, nChunks u32, per chunk: seq u32, len u32, chunk record bytes.
 * Result: nSeries u32, then per series: id u32, status u8 (0 ok, 1 error),
 *         ok:    nRecords u32, per record: len u32, bytes; then 5m rollup and 1h rollup as len u32, bytes;
 *         error: len u32, utf8 message.
 */
export interface JobSeries {
  readonly id: number;
  readonly chunks: { seq: number; record: Uint8Array }[];
}

export interface CompactJob {
  readonly windowStart: number;
  readonly windowEnd: number;
  readonly rollups: boolean;
  readonly series: JobSeries[];
}

export interface SeriesResult {
  readonly id: number;
  readonly error: string | null;
  readonly records: Uint8Array[];
  readonly rollup5m: Uint8Array;
  readonly rollup1h: Uint8Array;
}

class Writer {
  buf: Uint8Array;
  dv: DataView;
  len = 0;
  constructor(size: number) {
    this.buf = new Uint8Array(size);
    this.dv = new DataView(this.buf.buffer);
  }
  ensure(n: number): void {
    if (this.len + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.len + n) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.len));
    this.buf = next;
    this.dv = new DataView(next.buffer);
  }
  u8(v: number): void {
    this.ensure(1);
    this.buf[this.len++] = v;
  }
  u32(v: number): void {
    this.ensure(4);
    this.dv.setUint32(this.len, v, true);
    this.len += 4;
  }
  f64(v: number): void {
    this.ensure(8);
    this.dv.setFloat64(this.len, v, true);
    this.len += 8;
  }
  bytes(b: Uint8Array): void {
    this.u32(b.length);
    this.ensure(b.length);
    this.buf.set(b, this.len);
    this.len += b.length;
  }
  /** The written bytes in a buffer of their own, ready to transfer. */
  finish(): Uint8Array {
    return this.buf.slice(0, this.len);
  }
}

class Reader {
  off = 0;
  readonly dv: DataView;
  constructor(readonly buf: Uint8Array) {
    this.dv = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  }
  u8(): number {
    return this.buf[this.off++]!;
  }
  u32(): number {
    const v = this.dv.getUint32(this.off, true);
    this.off += 4;
    return v;
  }
  f64(): number {
    const v = this.dv.getFloat64(this.off, true);
    this.off += 8;
    return v;
  }
  bytes(): Uint8Array {
    const n = this.u32();
    const b = this.buf.subarray(this.off, this.off + n);
    this.off += n;
    return b;
  }
}

export function encodeJob(job: CompactJob): Uint8Array {
  let size = 32;
  for (const s of job.series) for (const c of s.chunks) size += 8 + c.record.length;
  const w = new Writer(size + job.series.length * 8);
  w.f64(job.windowStart);
  w.f64(job.windowEnd);
  w.u8(job.rollups ? 1 : 0);
  w.u32(job.series.length);
  for (const s of job.series) {
    w.u32(s.id);
    w.u32(s.chunks.length);
    for (const c of s.chunks) {
      w.u32(c.seq);
      w.bytes(c.record);
    }
  }
  return w.finish();
}

export function decodeJob(b: Uint8Array): CompactJob {
  const r = new Reader(b);
  const windowStart = r.f64();
  const windowEnd = r.f64();
  const rollups = r.u8() === 1;
  const n = r.u32();
  const series: JobSeries[] = [];
  for (let i = 0; i < n; i++) {
    const id = r.u32();
    const nc = r.u32();
    const chunks: { seq: number; record: Uint8Array }[] = [];
    for (let j = 0; j < nc; j++) {
      const seq = r.u32();
      chunks.push({ seq, record: r.bytes() });
    }
    series.push({ id, chunks });
  }
  return { windowStart, windowEnd, rollups, series };
}

const utf8 = new TextEncoder();
const utf8d = new TextDecoder();

export function encodeResults(results: SeriesResult[]): Uint8Array {
  const w = new Writer(4096);
  w.u32(results.length);
  for (const r of results) {
    w.u32(r.id);
    if (r.error !== null) {
      w.u8(1);
      w.bytes(utf8.encode(r.error));
      continue;
    }
    w.u8(0);
    w.u32(r.records.length);
    for (const rec of r.records) w.bytes(rec);
    w.bytes(r.rollup5m);
    w.bytes(r.rollup1h);
  }
  return w.finish();
}

export function decodeResults(b: Uint8Array): SeriesResult[] {
  const r = new Reader(b);
  const n = r.u32();
  const out: SeriesResult[] = [];
  for (let i = 0; i < n; i++) {
    const id = r.u32();
    if (r.u8() === 1) {
      out.push({ id, error: utf8d.decode(r.bytes()), records: [], rollup5m: new Uint8Array(0), rollup1h: new Uint8Array(0) });
      continue;
    }
    const nr = r.u32();
    const records: Uint8Array[] = [];
    for (let j = 0; j < nr; j++) records.push(r.bytes());
    out.push({ id, error: null, records, rollup5m: r.bytes(), rollup1h: r.bytes() });
  }
  return out;
}

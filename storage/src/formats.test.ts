import { describe, expect, it } from 'vitest';
import { encodeChunkRecord } from './block/chunk-record.js';
import { encodeDec, encodeXor, STALE_NAN } from './chunkenc/index.js';
import { encodePostings } from './index/postings.js';
import { encodeLabels } from './index/labels.js';
import { chunkKey, postingsKey, rollupKey, seriesKey } from './keys.js';
import { encodeSeries, frameRecord, frameSamples, RecordType } from './wal/index.js';

/**
 * Golden bytes of every on-disk format (docs/storage/*.md). A change here
 * means existing data directories no longer read: bump the format and keep
 * a reader for the old one instead of editing these.
 */
const hex = (b: Uint8Array | Uint8Array[]): string =>
  (Array.isArray(b) ? b : [b]).map((x) => Buffer.from(x.buffer, x.byteOffset, x.byteLength).toString('hex')).join('');

const ts = Float64Array.from([1_700_000_000_000, 1_700_000_015_000, 1_700_000_030_000, 1_700_000_045_500]);

/** Typed array with the stale marker last, set element by element: an array literal would quiet the NaN. */
function withStale(...xs: number[]): Float64Array {
  const out = new Float64Array(xs.length + 1);
  xs.forEach((x, i) => (out[i] = x));
  out[xs.length] = STALE_NAN;
  return out;
}

describe('on-disk formats', () => {
  it('XOR chunk', () => {
    expect(hex(encodeXor(ts, withStale(1, 1, 2.5), 0, 4))).toMatchInlineSnapshot(`"01000480a0abfef9623ff00000000000009875309bffd81f4c5effe8000000000004"`);
  });

  it('decimal chunk', () => {
    expect(hex(encodeDec(ts, Float64Array.from([10.25, 10.5, 10.75, 11.5]), 0, 4)!)).toMatchInlineSnapshot(`"020004405055ff7cb14c3aa07d098210190a0450"`);
    expect(hex(encodeDec(Float64Array.from([0, 15, 30, 45]), Float64Array.from([7, 7, 7, 7]), 0, 4)!)).toMatchInlineSnapshot(`"0200048007801c"`);
  });

  it('LevelDB keys and values', () => {
    expect(hex(chunkKey(258, 236111, 16))).toMatchInlineSnapshot(`"630000010200039a4f00000010"`);
    expect(hex(seriesKey(7))).toMatchInlineSnapshot(`"7300000007"`);
    expect(hex(postingsKey('job', 'node'))).toMatchInlineSnapshot(`"706a6f62006e6f6465"`);
    expect(hex(rollupKey(1, 7, 236111))).toMatchInlineSnapshot(`"72010000000700039a4f"`);
    expect(hex(encodeChunkRecord(1_700_000_000_000, 1_700_000_045_500, new Uint8Array([2, 0, 0])))).toMatchInlineSnapshot(`"80a0abfef962bce302020000"`);
    expect(hex(encodePostings(Uint32Array.from([3, 4, 300])))).toMatchInlineSnapshot(`"030301a802"`);
    expect(hex(encodeLabels([{ name: 'job', value: 'node' }]))).toMatchInlineSnapshot(`"01036a6f62046e6f6465"`);
  });

  it('WAL records', () => {
    expect(hex(frameRecord(RecordType.Series, encodeSeries([{ id: 1, labels: [{ name: 'a', value: 'b' }] }])))).toMatchInlineSnapshot(`"011200000041065a6b010000000100000001000100610100000062"`);
    const refs = Uint32Array.from([1, 2, 3]);
    const one = new Float64Array(3).fill(1_700_000_000_000);
    expect(hex(frameSamples(refs, one, withStale(1, 2), 3))).toMatchInlineSnapshot(`"02380000003afc9a8d03000000010000000100000002000000030000000000000000008056febc7842000000000000f03f0000000000000040020000000000f07f"`);
  });
});

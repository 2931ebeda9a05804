import { describe, expect, it } from 'vitest';
import { decodeChunk } from '../chunkenc/index.js';
import { Head } from './head.js';

const HOUR = 3_600_000;

describe('head', () => {
  it('cuts chunks at the sample limit and at window ends', () => {
    const head = new Head({ chunkRange: 2 * HOUR, samplesPerChunk: 120 });
    const s = head.getOrCreate([{ name: '__name__', value: 'x' }]);
    for (let i = 0; i < 500; i++) head.append(s, i * 30_000, i);
    // 500 samples at 30 s span 4h10m: windows of 240 samples, cut every 120
    expect(s.sealed.map((c) => decodeChunk(c.bytes).t.length)).toEqual([120, 120, 120, 120]);
    expect(new Set(s.sealed.map((c) => c.window))).toEqual(new Set([0, 1]));
    expect(s.open!.count).toBe(20);
  });

  it('frees the memory of series that went idle once persisted', () => {
    const head = new Head({ chunkRange: 2 * HOUR, samplesPerChunk: 120 });
    const idle = head.getOrCreate([{ name: '__name__', value: 'idle' }]);
    const busy = head.getOrCreate([{ name: '__name__', value: 'busy' }]);
    head.append(idle, 0, 1);
    for (let t = 0; t < 10 * HOUR; t += 60_000) head.append(busy, t, t);
    const { taken } = head.takeForPersist();
    head.dropPersisted(taken);
    expect(idle.open).toBeNull();
    expect(idle.sealed).toEqual([]);
    expect(busy.sealed).toEqual([]);
    expect(head.sealedBytes).toBe(0);
  });

  it('keeps out-of-order samples sorted, last write wins, and flushes them into chunks', () => {
    const head = new Head({ chunkRange: 2 * HOUR, samplesPerChunk: 4 });
    const s = head.getOrCreate([{ name: '__name__', value: 'o' }]);
    head.append(s, 100, 1);
    head.append(s, 50, 2);
    head.append(s, 50, 3);
    head.append(s, 10, 4);
    expect(Array.from(s.ooo!.ts.subarray(0, s.ooo!.length))).toEqual([10, 50]);
    expect(Array.from(s.ooo!.vs.subarray(0, s.ooo!.length))).toEqual([4, 3]);
    head.append(s, 20, 5);
    head.append(s, 2 * HOUR + 1, 6); // in order, new window
    head.append(s, 30, 7); // fourth ooo sample: flush
    expect(s.ooo).toBeNull();
    const flushed = s.sealed.find((c) => c.seq > 100 || c.mint === 10)!;
    expect(Array.from(decodeChunk(flushed.bytes).t)).toEqual([10, 20, 30, 50]);
  });
});

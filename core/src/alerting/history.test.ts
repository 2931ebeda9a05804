import { describe, expect, it } from 'vitest';
import { AlertHistory } from './history.js';
import { compileMatcher, parseMatchers } from './matchers.js';
import { MemoryKeySpace } from './memory-keyspace.js';

const m = (s: string) => parseMatchers(s).map(compileMatcher);

describe('AlertHistory', () => {
  it('answers by time range, matchers, state, receiver and fingerprint, oldest first', async () => {
    const h = new AlertHistory(new MemoryKeySpace());
    h.record({ ts: 1000, kind: 'state', fingerprint: 'a', labels: { alertname: 'Down', team: 'db' }, state: 'firing' });
    h.record({ ts: 2000, kind: 'state', fingerprint: 'b', labels: { alertname: 'Slow', team: 'web' }, state: 'firing' });
    h.record({ ts: 3000, kind: 'notification', receiver: 'pager', outcome: 'sent', alerts: ['a', 'b'] });
    h.record({ ts: 4000, kind: 'state', fingerprint: 'a', labels: { alertname: 'Down', team: 'db' }, state: 'resolved' });
    expect((await h.query({})).map((e) => e.ts)).toEqual([1000, 2000, 3000, 4000]);
    expect((await h.query({ start: 2000, end: 3000 })).map((e) => e.ts)).toEqual([2000, 3000]);
    expect((await h.query({ matchers: m('{team="db"}') })).map((e) => e.ts)).toEqual([1000, 3000, 4000]);
    expect((await h.query({ state: 'resolved' })).map((e) => e.ts)).toEqual([4000]);
    expect((await h.query({ receiver: 'pager' })).map((e) => e.outcome)).toEqual(['sent']);
    expect((await h.query({ fingerprint: 'b' })).map((e) => e.ts)).toEqual([2000, 3000]);
    expect((await h.query({ limit: 2 })).map((e) => e.ts)).toEqual([1000, 2000]);
  });

  it('drops events older than the retention cutoff', async () => {
    const ks = new MemoryKeySpace();
    const h = new AlertHistory(ks);
    for (const ts of [1000, 2000, 3000]) h.record({ ts, kind: 'state', fingerprint: 'x', state: 'firing' });
    expect(await h.gc(2500)).toBe(2);
    expect((await h.query({})).map((e) => e.ts)).toEqual([3000]);
    // A new instance over the same keyspace (a restart) reads what was kept.
    expect((await new AlertHistory(ks).query({})).map((e) => e.ts)).toEqual([3000]);
  });
});

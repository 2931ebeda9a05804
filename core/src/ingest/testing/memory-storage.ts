import type { Appender, KeySpace, Label, LabelMatcher, Labels, Querier, SampleIterator, Series, SeriesRef, Storage, StorageStats } from '@panoptes/storage';

/** One series as the memory storage holds it. */
export interface MemorySeries {
  readonly labels: Labels;
  readonly timestamps: number[];
  readonly values: number[];
  /**
   * The raw bits of each value: V8 quiets signalling NaNs stored in plain
   * arrays, so stale markers are checked here, not in `values`.
   */
  readonly valueBits: bigint[];
}

const scratch = new Float64Array(1);
const scratchBits = new BigUint64Array(scratch.buffer);

function keyOf(labels: Labels): string {
  return labels.map((l) => `${l.name}\u0000${l.value}`).join('\u0001');
}

function matches(labels: Labels, m: LabelMatcher): boolean {
  const v = labels.find((l) => l.name === m.name)?.value ?? '';
  switch (m.type) {
    case '=':
      return v === m.value;
    case '!=':
      return v !== m.value;
    case '=~':
      return new RegExp(`^(?:${m.value})$`, 's').test(v);
    case '!~':
      return !new RegExp(`^(?:${m.value})$`, 's').test(v);
  }
}

/**
 * A Storage kept in memory for tests of ingest and scrape while the real
 * engine is being built: same contract (nothing visible before commit,
 * references stable, stale markers stored bit for bit), no durability.
 * `failCommits` makes commits reject, to test the 5xx path.
 */
export class MemoryStorage implements Storage {
  readonly series: MemorySeries[] = [];
  private readonly byKey = new Map<string, SeriesRef>();
  failCommits = false;
  commits = 0;
  /** Refs the engine has dropped (all their data past retention): unknown from then on, as in the real engine. */
  private readonly dropped = new Set<SeriesRef>();

  /** Drops every series as retention does when all their data is gone; a series that comes back gets a new ref. */
  dropAllSeries(): void {
    for (let ref = 1; ref <= this.series.length; ref++) this.dropped.add(ref);
    this.byKey.clear();
  }

  appender(): Appender {
    const pending: { ref: SeriesRef; t: number; v: number; bits: bigint }[] = [];
    const created: Labels[] = [];
    return {
      append: (ref, labels, t, v) => {
        if (ref === 0 || ref > this.series.length + created.length || this.dropped.has(ref)) {
          if (!labels) throw Object.assign(new Error('append without labels or a known reference'), { code: 'PNP_STORAGE_BAD_INPUT' });
          const key = keyOf(labels);
          ref = this.byKey.get(key) ?? 0;
          if (ref === 0) {
            created.push(labels.map((l: Label) => ({ name: l.name, value: l.value })));
            ref = this.series.length + created.length;
            this.byKey.set(key, ref);
          }
        }
        scratch[0] = v;
        pending.push({ ref, t, v, bits: scratchBits[0]! });
        return ref;
      },
      commit: async () => {
        if (this.failCommits) {
          for (const l of created) this.byKey.delete(keyOf(l));
          throw new Error('simulated WAL failure');
        }
        for (const l of created) this.series.push({ labels: l, timestamps: [], values: [], valueBits: [] });
        for (const p of pending) {
          const s = this.series[p.ref - 1]!;
          s.timestamps.push(p.t);
          s.values.push(p.v);
          s.valueBits.push(p.bits);
        }
        this.commits++;
      },
      rollback: () => {
        for (const l of created) this.byKey.delete(keyOf(l));
      },
    };
  }

  /** Total samples committed. */
  sampleCount(): number {
    return this.series.reduce((n, s) => n + s.timestamps.length, 0);
  }

  /** The series with exactly these labels (given as an object), if any. */
  find(labels: Record<string, string>): MemorySeries | undefined {
    const want = keyOf(Object.entries(labels).sort(([a], [b]) => (a < b ? -1 : 1)).map(([name, value]) => ({ name, value })));
    return this.series.find((s) => keyOf(s.labels) === want);
  }

  async querier(mint: number, maxt: number): Promise<Querier> {
    const all = this.series;
    const iter = (s: MemorySeries): SampleIterator => {
      const idx = s.timestamps.map((t, i) => i).filter((i) => s.timestamps[i]! >= mint && s.timestamps[i]! <= maxt).sort((a, b) => s.timestamps[a]! - s.timestamps[b]!);
      let pos = -1;
      return {
        next: () => ++pos < idx.length,
        seek: (t) => {
          if (pos < 0) pos = 0;
          while (pos < idx.length && s.timestamps[idx[pos]!]! < t) pos++;
          return pos < idx.length;
        },
        at: () => s.timestamps[idx[pos]!]!,
        value: () => {
          scratchBits[0] = s.valueBits[idx[pos]!]!;
          return scratch[0]!;
        },
      };
    };
    const select = (ms: readonly LabelMatcher[] = []): MemorySeries[] => all.filter((s) => ms.every((m) => matches(s.labels, m)));
    return {
      select: async (_hints, ms) => select(ms).map((s): Series => ({ labels: s.labels, iterator: () => iter(s) })),
      labelNames: async (ms) => [...new Set(select(ms).flatMap((s) => s.labels.map((l) => l.name)))].sort(),
      labelValues: async (name, ms) => [...new Set(select(ms).flatMap((s) => s.labels.filter((l) => l.name === name).map((l) => l.value)))].sort(),
      close: async () => {},
    };
  }

  async deleteSeries(): Promise<void> {}

  async stats(): Promise<StorageStats> {
    return {
      series: this.series.length,
      samples: this.sampleCount(),
      chunks: 0,
      minTime: null,
      maxTime: null,
      bytesOnDisk: {},
      headSeries: this.series.length,
      headChunks: 0,
      labelValueCountByLabelName: [],
      seriesCountByMetricName: [],
      seriesCountByLabelValuePair: [],
      memoryInBytesByLabelName: [],
    };
  }

  keyspace(): KeySpace {
    throw new Error('MemoryStorage has no keyspaces');
  }

  async close(): Promise<void> {}
}

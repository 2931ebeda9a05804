import type { MetricType } from './remote-write/decoded-series.js';

/** One metadata entry in the shape /api/v1/metadata returns. */
export interface MetricMetadataEntry {
  readonly type: MetricType;
  readonly help: string;
  readonly unit: string;
}

/**
 * In-memory metric metadata (type, help, unit per metric family), fed by
 * remote write (MetricMetadata), scrapes (# TYPE / # HELP / # UNIT) and OTLP,
 * and read by the API area for `/api/v1/metadata`. Like Prometheus, it keeps
 * the distinct entries seen for each family (different targets may disagree)
 * and is not persisted: senders resend metadata every minute and scrapes
 * carry it every time.
 *
 * Bounded: at most `maxFamilies` families (new families beyond it are
 * ignored) and `maxEntriesPerFamily` distinct entries each (newest replaces
 * oldest).
 */
export class MetadataStore {
  private readonly families = new Map<string, MetricMetadataEntry[]>();

  constructor(
    private readonly maxFamilies = 100_000,
    private readonly maxEntriesPerFamily = 10,
  ) {}

  /** Records one entry; an identical entry already present is kept as is. */
  add(metric: string, entry: MetricMetadataEntry): void {
    let list = this.families.get(metric);
    if (!list) {
      if (this.families.size >= this.maxFamilies) return;
      list = [];
      this.families.set(metric, list);
    }
    if (list.some((e) => e.type === entry.type && e.help === entry.help && e.unit === entry.unit)) return;
    if (list.length >= this.maxEntriesPerFamily) list.shift();
    list.push({ type: entry.type, help: entry.help, unit: entry.unit });
  }

  /**
   * The `/api/v1/metadata` data object: metric name → entries. `metric`
   * selects one family; `limit` caps the families returned and
   * `limitPerMetric` the entries per family (0 or undefined = all).
   */
  query(opts: { metric?: string; limit?: number; limitPerMetric?: number } = {}): Record<string, MetricMetadataEntry[]> {
    const out: Record<string, MetricMetadataEntry[]> = {};
    let n = 0;
    const names = opts.metric !== undefined ? [opts.metric] : [...this.families.keys()].sort();
    for (const name of names) {
      const list = this.families.get(name);
      if (!list) continue;
      if (opts.limit && n >= opts.limit) break;
      out[name] = opts.limitPerMetric ? list.slice(0, opts.limitPerMetric) : [...list];
      n++;
    }
    return out;
  }

  get size(): number {
    return this.families.size;
  }
}

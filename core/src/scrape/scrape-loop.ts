import type { Appender, Label, SeriesRef, Storage } from '@panoptes/storage';
import type { ScrapeProtocol } from '../config/index.js';
import type { Logger } from 'pino';
import type { IngestStores } from '../ingest/shared-stores.js';
import { ScrapeError } from './errors.js';
import { formatOf, parseExposition } from './parse/content-type.js';
import type { ParsedSample } from './parse/types.js';
import { relabel, toSortedLabels, type CompiledRelabel } from './relabel/relabel.js';
import type { ScrapeClient } from './scrape-client.js';
import type { ResolvedTarget } from './target.js';

const staleBits = new BigUint64Array([0x7ff0000000000002n]);
/** Prometheus' stale marker: a NaN with exactly these bits (COMPATIBILITY.md §1.7). */
export const STALE_NAN = new Float64Array(staleBits.buffer)[0]!;

/** What a loop needs from its job; read on every scrape so a reload takes effect without restarting loops. */
export interface ScrapeJobSettings {
  readonly client: ScrapeClient;
  readonly metricRelabel: readonly CompiledRelabel[];
  readonly honorLabels: boolean;
  readonly honorTimestamps: boolean;
  readonly sampleLimit: number;
  readonly labelLimit: number;
  readonly labelNameLengthLimit: number;
  readonly labelValueLengthLimit: number;
  /** Also write scrape_timeout_seconds, scrape_sample_limit and scrape_body_size_bytes. */
  readonly extraScrapeMetrics?: boolean;
  /** Stale markers for series with their own timestamps too. */
  readonly trackTimestampsStaleness?: boolean;
  readonly fallbackProtocol?: ScrapeProtocol;
}

export interface ScrapeLoopDeps {
  readonly storage: () => Storage;
  readonly stores: IngestStores;
  readonly logger: Logger;
  readonly settings: () => ScrapeJobSettings;
  readonly now?: () => number;
}

/** One series of this target: its final labels, storage reference and the last scrape that wrote it. */
interface SeriesEntry {
  readonly labels: Label[];
  readonly key: string;
  ref: SeriesRef;
  /** Serial of the last scrape that wrote it (0 = never). */
  seen: number;
}

const REPORT_NAMES = [
  'up',
  'scrape_duration_seconds',
  'scrape_samples_scraped',
  'scrape_samples_post_metric_relabeling',
  'scrape_series_added',
  // Only with extra_scrape_metrics:
  'scrape_timeout_seconds',
  'scrape_sample_limit',
  'scrape_body_size_bytes',
] as const;
const BASIC_REPORTS = 5;

/**
 * How long to wait before the first scrape so that scrapes happen at times
 * t with t mod interval = hash mod interval: each target has a fixed phase,
 * and phases of many targets spread evenly over the interval.
 */
export function scrapeDelay(hash: number, intervalMs: number, now: number): number {
  return ((hash % intervalMs) - (now % intervalMs) + intervalMs) % intervalMs;
}

function keyOf(labels: readonly Label[]): string {
  let k = '';
  for (const l of labels) k += `${l.name}\u0000${l.value}\u0001`;
  return k;
}

/**
 * Scrapes one target on its interval and writes what it finds, like
 * Prometheus' scrapeLoop: target labels merged per honor_labels,
 * metric_relabel_configs applied, limits enforced (a breach fails the whole
 * scrape and writes nothing but the synthetic series), stale markers for
 * series that vanished since the last scrape, for everything after a failed
 * scrape, and for everything when the target goes away.
 */
export class ScrapeLoop {
  health: 'unknown' | 'up' | 'down' = 'unknown';
  lastError = '';
  /** ms since the epoch of the last scrape's start; 0 = never. */
  lastScrape = 0;
  /** Seconds. */
  lastScrapeDuration = 0;
  lastSamples = 0;

  /**
   * Series text as exposed → its entry (null: dropped by metric relabeling),
   * valid for one target and one set of job settings: a known series skips
   * label parsing, merging, relabeling, sorting and the reference lookup.
   */
  private derived = new Map<string, SeriesEntry | null>();
  private derivedFor: [ResolvedTarget, ScrapeJobSettings] | undefined;
  /** Entries by final label set; survives `derived` being reset, so references and staleness state are kept. */
  private byKey = new Map<string, SeriesEntry>();
  /** Series written (without own timestamps) by the last successful scrape: candidates for stale markers. */
  private prevEntries: SeriesEntry[] = [];
  private serial = 0;
  /** Serial of the last successful scrape; 0 when the last scrape failed or none ran. */
  private lastOkSerial = 0;
  private reportRefs: SeriesRef[] = REPORT_NAMES.map(() => 0);
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;
  /** Aborts the scrape in flight when the loop stops, so shutdown does not wait for slow targets. */
  private readonly abort = new AbortController();
  private warnedLenient = false;

  constructor(
    public target: ResolvedTarget,
    private readonly deps: ScrapeLoopDeps,
  ) {}

  private now(): number {
    return this.deps.now ? this.deps.now() : Date.now();
  }

  /**
   * Starts scraping at a stable offset within the interval (derived from
   * `offsetHash`), so targets spread evenly instead of all firing at once
   * and a target keeps its phase across restarts.
   */
  start(offsetHash: number): void {
    const interval = this.target.intervalMs;
    const now = this.now();
    const delay = scrapeDelay(offsetHash, interval, now);
    const tick = (due: number): void => {
      if (this.stopped) return;
      this.running = this.scrapeOnce()
        .catch((err: unknown) => this.deps.logger.error({ err: (err as Error).message, target: this.target.url }, 'scrape loop error'))
        .finally(() => {
          this.running = undefined;
          if (this.stopped) return;
          // Next slot on the grid; slots missed by a slow scrape are skipped, never bunched.
          let next = due + interval;
          const t = this.now();
          while (next <= t) next += interval;
          this.timer = setTimeout(() => tick(next), next - t);
        });
    };
    this.timer = setTimeout(() => tick(now + delay), delay);
  }

  /** Stops the loop; with `stale`, writes stale markers for every series it wrote, synthetic ones included. */
  async stop(stale: boolean): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    this.abort.abort();
    await this.running;
    if (!stale) return;
    const app = this.deps.storage().appender();
    const t = this.now();
    for (const e of this.prevEntries) app.append(e.ref, e.ref === 0 ? e.labels : undefined, t, STALE_NAN);
    this.prevEntries = [];
    const base = this.target.labels;
    REPORT_NAMES.forEach((name, i) => {
      if (this.reportRefs[i] !== 0) app.append(this.reportRefs[i]!, this.reportLabels(base, name), t, STALE_NAN);
    });
    await app.commit();
  }

  /** One scrape, start to commit. Exposed for tests. */
  async scrapeOnce(): Promise<void> {
    const start = this.now();
    const startedAt = performance.now();
    const target = this.target;
    const settings = this.deps.settings();
    let app: Appender = this.deps.storage().appender();
    let scraped = 0;
    let post = 0;
    let added = 0;
    let bodyBytes = 0;
    let error: string | undefined;
    try {
      const res = await settings.client.fetch(target.url, target.timeoutMs, this.abort.signal);
      bodyBytes = res.bytes;
      const { format, lenient } = formatOf(res.contentType, settings.fallbackProtocol);
      if (lenient && !this.warnedLenient) {
        this.warnedLenient = true;
        this.deps.logger.warn({ target: target.url, contentType: res.contentType ?? null }, 'target sent no known Content-Type; reading it as text format 0.0.4');
      }
      const parsed = parseExposition(res.body, format);
      scraped = parsed.samples.length;
      const serial = ++this.serial;
      const prevOk = this.lastOkSerial;
      const entries = this.entriesFor(parsed.samples, settings);
      for (const e of entries) if (e) post++;
      if (settings.sampleLimit > 0 && post > settings.sampleLimit) {
        throw new ScrapeError('PNP_SCRAPE_SAMPLE_LIMIT', `sample_limit exceeded: ${post} samples, limit ${settings.sampleLimit}`);
      }
      const current: SeriesEntry[] = [];
      const samples = parsed.samples;
      for (let i = 0; i < samples.length; i++) {
        const e = entries[i];
        if (!e || e.seen === serial) continue; // dropped, or a duplicate series in one exposition: the first wins
        const sample = samples[i]!;
        const explicit = settings.honorTimestamps && sample.timestamp !== undefined;
        e.ref = app.append(e.ref, e.ref === 0 ? e.labels : undefined, explicit ? sample.timestamp! : start, sample.value);
        // Samples with their own timestamps get no stale markers unless track_timestamps_staleness is on.
        if (!explicit || settings.trackTimestampsStaleness) {
          if (prevOk === 0 || e.seen !== prevOk) added++;
          current.push(e);
        }
        e.seen = serial;
        if (sample.exemplar) {
          this.deps.stores.exemplars.add({ seriesLabels: e.labels, labels: sample.exemplar.labels, value: sample.exemplar.value, timestamp: sample.exemplar.timestamp ?? start });
        }
      }
      for (const e of this.prevEntries) if (e.seen !== serial) app.append(e.ref, e.ref === 0 ? e.labels : undefined, start, STALE_NAN);
      this.prevEntries = current;
      this.lastOkSerial = serial;
      for (const [family, m] of parsed.metadata) this.deps.stores.metadata.add(family, m);
    } catch (err) {
      if (this.stopped) {
        // Stopped mid-scrape: write nothing; stop() decides about stale markers.
        app.rollback();
        return;
      }
      error = (err as Error).message;
      // Prometheus reports -1 when the body size limit cut the scrape off, 0 on other failures.
      bodyBytes = (err as { code?: string }).code === 'PNP_SCRAPE_BODY_SIZE_LIMIT' ? -1 : 0;
      app.rollback();
      app = this.deps.storage().appender();
      for (const e of this.prevEntries) app.append(e.ref, e.ref === 0 ? e.labels : undefined, start, STALE_NAN);
      this.prevEntries = [];
      this.lastOkSerial = 0;
      scraped = 0;
      post = 0;
      added = 0;
    }
    const duration = (performance.now() - startedAt) / 1000;
    const values = [error ? 0 : 1, duration, scraped, post, added, target.timeoutMs / 1000, settings.sampleLimit, bodyBytes];
    const reports = settings.extraScrapeMetrics ? REPORT_NAMES.length : BASIC_REPORTS;
    REPORT_NAMES.forEach((name, i) => {
      if (i >= reports) return;
      const ref = this.reportRefs[i]!;
      this.reportRefs[i] = app.append(ref, ref === 0 ? this.reportLabels(target.labels, name) : undefined, start, values[i]!);
    });
    try {
      await app.commit();
    } catch (err) {
      // References handed out in a batch that did not commit may not exist.
      for (const e of this.byKey.values()) e.ref = 0;
      this.reportRefs = REPORT_NAMES.map(() => 0);
      this.prevEntries = [];
      this.lastOkSerial = 0;
      error ??= `storage: ${(err as Error).message}`;
    }
    this.health = error ? 'down' : 'up';
    this.lastError = error ?? '';
    this.lastScrape = start;
    this.lastScrapeDuration = duration;
    this.lastSamples = post;
  }

  private reportLabels(base: readonly Label[], name: string): Label[] {
    return toSortedLabels(new Map([...base.map((l): [string, string] => [l.name, l.value]), ['__name__', name]]));
  }

  /** The entry of each sample (null when metric relabeling drops it), derived once per series text; throws on a label limit. */
  private entriesFor(samples: readonly ParsedSample[], s: ScrapeJobSettings): (SeriesEntry | null)[] {
    if (!this.derivedFor || this.derivedFor[0] !== this.target || this.derivedFor[1] !== s || this.derived.size > 4 * samples.length + 10_000) {
      this.derived = new Map();
      this.derivedFor = [this.target, s];
      // Forget entries no scrape wrote recently; the rest keep their references.
      for (const [key, e] of this.byKey) if (e.seen < this.lastOkSerial) this.byKey.delete(key);
    }
    const out: (SeriesEntry | null)[] = new Array(samples.length);
    for (let i = 0; i < samples.length; i++) {
      const sample = samples[i]!;
      let e = this.derived.get(sample.series);
      if (e === undefined) {
        const labels = this.deriveLabels(sample, s);
        if (labels) {
          const key = keyOf(labels);
          e = this.byKey.get(key) ?? { labels, key, ref: 0, seen: 0 };
          this.byKey.set(key, e);
        } else e = null;
        this.derived.set(sample.series, e);
      }
      out[i] = e;
    }
    return out;
  }

  /** The final label set of one exposed series, or undefined when metric relabeling drops it; throws on a label limit. */
  private deriveLabels(sample: ParsedSample, s: ScrapeJobSettings): Label[] | undefined {
    const map = new Map<string, string>();
    for (const l of sample.labels) map.set(l.name, l.value);
    for (const { name, value } of this.target.labels) {
      const existing = map.get(name);
      if (existing === undefined || existing === '') map.set(name, value);
      else if (!s.honorLabels) {
        // Conflict: keep the scraped value as exported_<name> (exported_exported_... if taken).
        let exported = `exported_${name}`;
        while (map.has(exported)) exported = `exported_${exported}`;
        map.set(exported, existing);
        map.set(name, value);
      }
    }
    for (const [k, v] of map) if (v === '') map.delete(k);
    if (s.metricRelabel.length > 0 && !relabel(map, s.metricRelabel)) return undefined;
    if (!map.get('__name__')) return undefined;
    if (s.labelLimit > 0 && map.size > s.labelLimit) {
      throw new ScrapeError('PNP_SCRAPE_LABEL_LIMIT', `label_limit exceeded: ${map.get('__name__')} has ${map.size} labels, limit ${s.labelLimit}`);
    }
    for (const [name, value] of map) {
      if (s.labelNameLengthLimit > 0 && name.length > s.labelNameLengthLimit) {
        throw new ScrapeError('PNP_SCRAPE_LABEL_LIMIT', `label_name_length_limit exceeded: label name ${JSON.stringify(name)} is ${name.length} characters, limit ${s.labelNameLengthLimit}`);
      }
      if (s.labelValueLengthLimit > 0 && value.length > s.labelValueLengthLimit) {
        throw new ScrapeError('PNP_SCRAPE_LABEL_LIMIT', `label_value_length_limit exceeded: value of ${JSON.stringify(name)} is ${value.length} characters, limit ${s.labelValueLengthLimit}`);
      }
    }
    return toSortedLabels(map);
  }
}

import type { Appender, Label, SeriesRef, Storage } from '@panoptes/storage';
import { IngestError } from '../errors.js';
import type { IngestStores } from '../shared-stores.js';
import type { IngestLimits } from '../limits.js';
import { SeriesRefCache } from '../series-ref-cache.js';
import { validateLabels } from '../validate-labels.js';
import type { DecodedSeries, PushedMetadata } from './decoded-series.js';
import { countSeriesV1, decodeWriteRequestV1 } from './decode-v1.js';
import { countSeriesV2, decodeWriteRequestV2 } from './decode-v2.js';
import { SnappyScratch, snappyDecode } from './snappy.js';
import { emptyOutcome, reject, type WriteOutcome } from './write-outcome.js';

export type RemoteWriteVersion = 1 | 2;

/**
 * Turns a remote write body into appends: decompress (size capped), count
 * series against the limit, decode series by series, validate label sets the
 * first time they are seen, append, commit. Resolves only after the commit
 * is durable; invalid series are skipped and reported in the outcome while
 * the valid ones are written (partial acceptance, answered with 400).
 */
export class RemoteWriteIngester {
  private readonly cacheV1 = new SeriesRefCache();
  private readonly cacheV2 = new SeriesRefCache();
  /** Decoding is synchronous up to the commit, so one output buffer serves every request. */
  private readonly scratch = new SnappyScratch();

  constructor(
    private readonly storage: () => Storage,
    private readonly stores: IngestStores,
    private limits: IngestLimits,
  ) {}

  setLimits(limits: IngestLimits): void {
    this.limits = limits;
    // Cached series were validated under the old limits.
    this.cacheV1.clear();
    this.cacheV2.clear();
  }

  async write(body: Buffer, version: RemoteWriteVersion): Promise<WriteOutcome> {
    const limits = this.limits;
    if (limits.maxBodyBytes > 0 && body.length > limits.maxBodyBytes) {
      throw new IngestError('PNP_INGEST_BODY_TOO_LARGE', `request body is ${body.length} bytes, over the limit of ${limits.maxBodyBytes} bytes (max_body_bytes)`);
    }
    const raw = snappyDecode(body, limits.maxDecompressedBytes, this.scratch);
    const count = version === 1 ? countSeriesV1(raw) : countSeriesV2(raw);
    if (limits.maxSeriesPerRequest > 0 && count > limits.maxSeriesPerRequest) {
      throw new IngestError('PNP_INGEST_TOO_MANY_SERIES', `request has ${count} series, over the limit of ${limits.maxSeriesPerRequest} (max_series_per_request)`);
    }
    const outcome = emptyOutcome();
    const app = this.storage().appender();
    const cache = version === 1 ? this.cacheV1 : this.cacheV2;
    const onSeries = (s: DecodedSeries): void => this.appendSeries(app, cache, s, outcome);
    let metadata: PushedMetadata[];
    try {
      metadata = version === 1 ? decodeWriteRequestV1(raw, onSeries).metadata : decodeWriteRequestV2(raw, onSeries).metadata;
    } catch (err) {
      app.rollback();
      // References handed out during this batch may not exist after a rollback.
      cache.clear();
      throw err;
    }
    try {
      await app.commit();
    } catch (err) {
      cache.clear();
      throw new IngestError('PNP_INGEST_STORAGE', `storage commit failed, retry later: ${(err as Error).message}`, { cause: err });
    }
    for (const m of metadata) this.stores.metadata.add(m.metricFamilyName, m);
    return outcome;
  }

  private appendSeries(app: Appender, cache: SeriesRefCache, s: DecodedSeries, outcome: WriteOutcome): void {
    let cached = cache.get(s.keyBuf, s.keyStart, s.keyEnd);
    if (!cached) {
      const checked = validateLabels(s.labels(), this.limits);
      if (checked.error !== undefined) {
        reject(outcome, s.sampleCount, checked.error);
        return;
      }
      if (s.sampleCount === 0 && s.histogramCount > 0) {
        reject(outcome, s.histogramCount, `series ${describe(checked.labels)}: native histograms are not supported`);
        return;
      }
      cached = { ref: 0, labels: checked.labels };
      cache.set(s.keyBuf, s.keyStart, s.keyEnd, cached);
    } else if (s.sampleCount === 0 && s.histogramCount > 0) {
      reject(outcome, s.histogramCount, `series ${describe(cached.labels)}: native histograms are not supported`);
      return;
    }
    const ts = s.timestamps;
    const vs = s.values;
    const appendAll = (start: SeriesRef): SeriesRef => {
      let ref = start;
      for (let i = 0; i < s.sampleCount; i++) ref = app.append(ref, ref === 0 ? cached.labels : undefined, ts[i]!, vs[i]!);
      return ref;
    };
    let ref: SeriesRef;
    try {
      try {
        ref = appendAll(cached.ref);
      } catch (err) {
        // A cached reference can outlive its series: storage drops series whose data all passed
        // retention. The first append with it fails before anything is buffered, so retry by labels.
        if (cached.ref === 0 || (err as { code?: string }).code !== 'PNP_STORAGE_BAD_INPUT') throw err;
        cached.ref = 0;
        ref = appendAll(0);
      }
    } catch (err) {
      if ((err as { code?: string }).code === 'PNP_STORAGE_BAD_INPUT') {
        reject(outcome, s.sampleCount, `series ${describe(cached.labels)}: ${(err as Error).message}`);
        return;
      }
      throw new IngestError('PNP_INGEST_STORAGE', `append failed, retry later: ${(err as Error).message}`, { cause: err });
    }
    cached.ref = ref;
    outcome.samples += s.sampleCount;
    for (const e of s.exemplars) {
      this.stores.exemplars.add({ seriesLabels: cached.labels, labels: e.labels, value: e.value, timestamp: e.timestamp });
      outcome.exemplars++;
    }
  }
}

function describe(labels: readonly Label[]): string {
  const name = labels.find((l) => l.name === '__name__')?.value ?? '';
  return `${name}{${labels.filter((l) => l.name !== '__name__').map((l) => `${l.name}=${JSON.stringify(l.value)}`).join(', ')}}`;
}

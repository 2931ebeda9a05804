import type { Label } from '@panoptes/storage';
import { IngestError } from '../errors.js';
import { DecodedSeries, METRIC_TYPES, type PushedMetadata, type SeriesHandler } from './decoded-series.js';
import { countField, ProtoReader } from './proto-reader.js';

/**
 * Remote write 2.0 `io.prometheus.write.v2.Request` decoder (COMPATIBILITY.md
 * §1.8): 4 symbols (repeated string; symbols[0] is ""), 5 timeseries.
 * TimeSeries: 1 labels_refs (packed uint32 pairs), 2 samples, 3 histograms,
 * 4 exemplars, 5 metadata. Sample: 1 value, 2 timestamp, 3 start_timestamp.
 * Exemplar: 1 labels_refs, 2 value, 3 timestamp. Metadata: 1 type,
 * 3 help_ref, 4 unit_ref.
 *
 * Symbols may in theory follow the series on the wire, so a first pass
 * records the byte range of every symbol, the second decodes series.
 */

/** Counts TimeSeries entries without decoding them. */
export function countSeriesV2(buf: Buffer): number {
  return countField(buf, 0x2a);
}

/** 0xff is never part of valid UTF-8, so it separates symbols in keys unambiguously. */
const SEP = 0xff;

export function decodeWriteRequestV2(buf: Buffer, onSeries: SeriesHandler): { metadata: PushedMetadata[] } {
  const r = new ProtoReader(buf);
  let symStart = new Int32Array(1024);
  let symEnd = new Int32Array(1024);
  let symCount = 0;
  while (!r.done()) {
    const tag = r.varint();
    if (tag === 0x22) {
      const end = r.delimitedEnd();
      if (symCount === symStart.length) {
        symStart = grow(symStart);
        symEnd = grow(symEnd);
      }
      symStart[symCount] = r.pos;
      symEnd[symCount] = end;
      symCount++;
      r.pos = end;
    } else r.skip(tag & 7);
  }
  if (symCount > 0 && symEnd[0] !== symStart[0]) throw new IngestError('PNP_INGEST_BAD_REQUEST', 'remote write 2.0: symbols[0] must be the empty string');
  const symbol = (ref: number): string => {
    if (ref >= symCount) throw new IngestError('PNP_INGEST_BAD_REQUEST', `remote write 2.0: symbol reference ${ref} out of range (${symCount} symbols)`);
    return buf.toString('utf8', symStart[ref]!, symEnd[ref]!);
  };

  const series = new DecodedSeries();
  let refs = new Uint32Array(64);
  let refCount = 0;
  series.labels = () => {
    const out: Label[] = [];
    for (let i = 0; i + 1 < refCount; i += 2) out.push({ name: symbol(refs[i]!), value: symbol(refs[i + 1]!) });
    return out;
  };
  const metadata: PushedMetadata[] = [];
  const inner = new ProtoReader(buf);

  r.reset(0, buf.length);
  while (!r.done()) {
    const tag = r.varint();
    if (tag !== 0x2a) {
      r.skip(tag & 7);
      continue;
    }
    const end = r.delimitedEnd();
    series.clear();
    refCount = 0;
    let meta: { type: number; help: number; unit: number } | undefined;
    while (r.pos < end) {
      const t = r.varint();
      if (t === 0x0a || t === 0x08) {
        const pend = t === 0x0a ? r.delimitedEnd() : -1;
        do {
          if (refCount === refs.length) refs = grow(refs);
          refs[refCount++] = r.varint();
        } while (pend >= 0 && r.pos < pend);
      } else if (t === 0x12) {
        const send = r.delimitedEnd();
        let v = 0;
        let ts = 0;
        while (r.pos < send) {
          const st = r.varint();
          if (st === 0x09) v = r.double();
          else if (st === 0x10) ts = r.int64();
          else r.skip(st & 7);
        }
        series.pushSample(ts, v);
      } else if (t === 0x1a) {
        series.histogramCount++;
        r.pos = r.delimitedEnd();
      } else if (t === 0x22) {
        const eend = r.delimitedEnd();
        series.exemplars.push(readExemplar(inner, r.pos, eend, symbol));
        r.pos = eend;
      } else if (t === 0x2a) {
        const mend = r.delimitedEnd();
        meta = { type: 0, help: 0, unit: 0 };
        inner.reset(r.pos, mend);
        while (!inner.done()) {
          const mt = inner.varint();
          if (mt === 0x08) meta.type = inner.varint();
          else if (mt === 0x18) meta.help = inner.varint();
          else if (mt === 0x20) meta.unit = inner.varint();
          else inner.skip(mt & 7);
        }
        r.pos = mend;
      } else r.skip(t & 7);
    }
    if (r.pos !== end) throw r.corrupt('time series overruns its length');
    if (refCount % 2 !== 0) throw new IngestError('PNP_INGEST_BAD_REQUEST', `remote write 2.0: labels_refs has odd length ${refCount}`);
    for (let i = 0; i < refCount; i++) {
      const ref = refs[i]!;
      if (ref >= symCount) throw new IngestError('PNP_INGEST_BAD_REQUEST', `remote write 2.0: symbol reference ${ref} out of range (${symCount} symbols)`);
      series.appendKeyBytes(buf, symStart[ref]!, symEnd[ref]!, SEP);
    }
    series.useScratchKey();
    if (meta && (meta.type !== 0 || meta.help !== 0 || meta.unit !== 0)) {
      let name = '';
      for (let i = 0; i + 1 < refCount; i += 2) if (symbol(refs[i]!) === '__name__') name = symbol(refs[i + 1]!);
      if (name !== '') metadata.push({ metricFamilyName: name, type: METRIC_TYPES[meta.type] ?? 'unknown', help: symbol(meta.help), unit: symbol(meta.unit) });
    }
    onSeries(series);
  }
  return { metadata };
}

function readExemplar(r: ProtoReader, start: number, end: number, symbol: (ref: number) => string): { labels: Label[]; value: number; timestamp: number } {
  const refs: number[] = [];
  let value = 0;
  let timestamp = 0;
  r.reset(start, end);
  while (!r.done()) {
    const t = r.varint();
    if (t === 0x0a) {
      const pend = r.delimitedEnd();
      while (r.pos < pend) refs.push(r.varint());
    } else if (t === 0x08) refs.push(r.varint());
    else if (t === 0x11) value = r.double();
    else if (t === 0x18) timestamp = r.int64();
    else r.skip(t & 7);
  }
  const labels: Label[] = [];
  for (let i = 0; i + 1 < refs.length; i += 2) labels.push({ name: symbol(refs[i]!), value: symbol(refs[i + 1]!) });
  return { labels, value, timestamp };
}

function grow<T extends Int32Array | Uint32Array>(a: T): T {
  const b = new (a.constructor as new (n: number) => T)(a.length * 2);
  b.set(a);
  return b;
}

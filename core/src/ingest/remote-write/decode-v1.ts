import type { Label } from '@panoptes/storage';
import { IngestError } from '../errors.js';
import { DecodedSeries, METRIC_TYPES, type PushedMetadata, type SeriesHandler } from './decoded-series.js';
import { countField, ProtoReader } from './proto-reader.js';

/**
 * Remote write 1.0 `prometheus.WriteRequest` decoder (field numbers in
 * COMPATIBILITY.md §1.2), straight from the decompressed buffer.
 *
 * WriteRequest: 1 timeseries, 3 metadata. TimeSeries: 1 labels, 2 samples,
 * 3 exemplars, 4 histograms. Label: 1 name, 2 value. Sample: 1 value
 * (double), 2 timestamp (int64 ms). Exemplar: 1 labels, 2 value, 3 timestamp.
 * MetricMetadata: 1 type, 2 metric_family_name, 4 help, 5 unit.
 */

/** Counts the TimeSeries entries without decoding them, to enforce the per-request limit first. */
export function countSeriesV1(buf: Buffer): number {
  return countField(buf, 0x0a);
}

export interface DecodeV1Result {
  readonly metadata: PushedMetadata[];
}

/** Decodes a WriteRequest, handing each series to `onSeries`; throws PNP_INGEST_PROTOBUF_CORRUPT on bad bytes. */
export function decodeWriteRequestV1(buf: Buffer, onSeries: SeriesHandler): DecodeV1Result {
  const r = new ProtoReader(buf);
  const inner = new ProtoReader(buf);
  const series = new DecodedSeries();
  // Byte ranges [start, end) of each Label message of the current series.
  let labelRanges = new Int32Array(64);
  let labelCount = 0;
  series.labels = () => {
    const out: Label[] = [];
    for (let i = 0; i < labelCount; i++) out.push(readLabel(inner, labelRanges[2 * i]!, labelRanges[2 * i + 1]!));
    return out;
  };
  const metadata: PushedMetadata[] = [];

  while (!r.done()) {
    const tag = r.varint();
    if (tag === 0x0a) {
      const end = r.delimitedEnd();
      series.clear();
      labelCount = 0;
      let keyStart = -1;
      let keyEnd = -1;
      let contiguous = true;
      while (r.pos < end) {
        const fieldStart = r.pos;
        const t = r.varint();
        switch (t) {
          case 0x0a: {
            const lend = r.delimitedEnd();
            if (labelCount * 2 === labelRanges.length) {
              const bigger = new Int32Array(labelRanges.length * 2);
              bigger.set(labelRanges);
              labelRanges = bigger;
            }
            labelRanges[2 * labelCount] = r.pos;
            labelRanges[2 * labelCount + 1] = lend;
            labelCount++;
            if (keyStart < 0) keyStart = fieldStart;
            else if (keyEnd !== fieldStart) contiguous = false;
            keyEnd = lend;
            r.pos = lend;
            break;
          }
          case 0x12: {
            const send = r.delimitedEnd();
            let v = 0;
            let ts = 0;
            while (r.pos < send) {
              const st = r.varint();
              if (st === 0x09) v = r.double();
              else if (st === 0x10) ts = r.int64();
              else r.skip(st & 7);
            }
            if (r.pos !== send) throw r.corrupt('sample overruns its length');
            series.pushSample(ts, v);
            break;
          }
          case 0x1a: {
            const eend = r.delimitedEnd();
            series.exemplars.push(readExemplar(inner, r.pos, eend));
            r.pos = eend;
            break;
          }
          case 0x22:
            series.histogramCount++;
            r.pos = r.delimitedEnd();
            break;
          default:
            r.skip(t & 7);
        }
      }
      if (r.pos !== end) throw r.corrupt('time series overruns its length');
      if (contiguous) {
        series.keyBuf = buf;
        series.keyStart = keyStart < 0 ? 0 : keyStart;
        series.keyEnd = keyStart < 0 ? 0 : keyEnd;
      } else {
        // 0xff never occurs in UTF-8 and cannot start a Label field: an unambiguous separator.
        for (let i = 0; i < labelCount; i++) series.appendKeyBytes(buf, labelRanges[2 * i]!, labelRanges[2 * i + 1]!, 0xff);
        series.useScratchKey();
      }
      onSeries(series);
    } else if (tag === 0x1a) {
      const end = r.delimitedEnd();
      metadata.push(readMetadata(inner, r.pos, end));
      r.pos = end;
    } else {
      r.skip(tag & 7);
    }
  }
  return { metadata };
}

function readLabel(r: ProtoReader, start: number, end: number): Label {
  r.reset(start, end);
  let name = '';
  let value = '';
  while (!r.done()) {
    const t = r.varint();
    if (t === 0x0a) name = r.string();
    else if (t === 0x12) value = r.string();
    else r.skip(t & 7);
  }
  return { name, value };
}

function readExemplar(r: ProtoReader, start: number, end: number): { labels: Label[]; value: number; timestamp: number } {
  const labels: Label[] = [];
  let value = 0;
  let timestamp = 0;
  const sub = new ProtoReader(r.buf);
  r.reset(start, end);
  while (!r.done()) {
    const t = r.varint();
    if (t === 0x0a) {
      const lend = r.delimitedEnd();
      labels.push(readLabel(sub, r.pos, lend));
      r.pos = lend;
    } else if (t === 0x11) value = r.double();
    else if (t === 0x18) timestamp = r.int64();
    else r.skip(t & 7);
  }
  return { labels, value, timestamp };
}

function readMetadata(r: ProtoReader, start: number, end: number): PushedMetadata {
  r.reset(start, end);
  let type = 0;
  let metricFamilyName = '';
  let help = '';
  let unit = '';
  while (!r.done()) {
    const t = r.varint();
    if (t === 0x08) type = r.varint();
    else if (t === 0x12) metricFamilyName = r.string();
    else if (t === 0x22) help = r.string();
    else if (t === 0x2a) unit = r.string();
    else r.skip(t & 7);
  }
  if (metricFamilyName === '') throw new IngestError('PNP_INGEST_BAD_REQUEST', 'metadata entry without metric_family_name');
  return { metricFamilyName, type: METRIC_TYPES[type] ?? 'unknown', help, unit };
}

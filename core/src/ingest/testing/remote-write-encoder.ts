import protobuf from 'protobufjs';
import SnappyJS from 'snappyjs';

/**
 * Builds remote write bodies for tests with protobufjs (an independent
 * encoder, so the hand-written decoder is checked against another
 * implementation) and compresses them with snappyjs.
 */
const PROTO = `
syntax = "proto3";
package prometheus;
message WriteRequest { repeated TimeSeries timeseries = 1; repeated MetricMetadata metadata = 3; }
message TimeSeries { repeated Label labels = 1; repeated Sample samples = 2; repeated Exemplar exemplars = 3; repeated Histogram histograms = 4; }
message Label { string name = 1; string value = 2; }
message Sample { double value = 1; int64 timestamp = 2; }
message Exemplar { repeated Label labels = 1; double value = 2; int64 timestamp = 3; }
message Histogram { uint64 count_int = 1; double sum = 3; int64 timestamp = 15; }
message MetricMetadata { int32 type = 1; string metric_family_name = 2; string help = 4; string unit = 5; }
`;

const PROTO_V2 = `
syntax = "proto3";
package io.prometheus.write.v2;
message Request { repeated string symbols = 4; repeated TimeSeries timeseries = 5; }
message TimeSeries { repeated uint32 labels_refs = 1; repeated Sample samples = 2; repeated Exemplar exemplars = 4; Metadata metadata = 5; }
message Sample { double value = 1; int64 timestamp = 2; int64 start_timestamp = 3; }
message Exemplar { repeated uint32 labels_refs = 1; double value = 2; int64 timestamp = 3; }
message Metadata { int32 type = 1; uint32 help_ref = 3; uint32 unit_ref = 4; }
`;

const root = protobuf.parse(PROTO).root;
const WriteRequest = root.lookupType('prometheus.WriteRequest');
const rootV2 = protobuf.parse(PROTO_V2).root;
const RequestV2 = rootV2.lookupType('io.prometheus.write.v2.Request');

export interface TestSeries {
  labels: Record<string, string>;
  samples?: [number, number][];
  exemplars?: { labels: Record<string, string>; value: number; timestamp: number }[];
  histograms?: number;
}

const toLabels = (o: Record<string, string>) => Object.entries(o).map(([name, value]) => ({ name, value }));

/** The protobuf bytes of a 1.0 WriteRequest (uncompressed). */
export function encodeWriteRequest(series: TestSeries[], metadata: { type: number; name: string; help: string; unit: string }[] = []): Uint8Array {
  const msg = WriteRequest.fromObject({
    timeseries: series.map((s) => ({
      labels: toLabels(s.labels),
      samples: (s.samples ?? []).map(([timestamp, value]) => ({ timestamp, value })),
      exemplars: (s.exemplars ?? []).map((e) => ({ labels: toLabels(e.labels), value: e.value, timestamp: e.timestamp })),
      histograms: Array.from({ length: s.histograms ?? 0 }, () => ({ countInt: 1, sum: 1, timestamp: 1 })),
    })),
    metadata: metadata.map((m) => ({ type: m.type, metricFamilyName: m.name, help: m.help, unit: m.unit })),
  });
  return WriteRequest.encode(msg).finish();
}

/** The protobuf bytes of a 2.0 Request (uncompressed). */
export function encodeWriteRequestV2(series: TestSeries[], meta?: { type: number; help: string; unit: string }): Uint8Array {
  const symbols = [''];
  const ref = (s: string): number => {
    let i = symbols.indexOf(s);
    if (i < 0) i = symbols.push(s) - 1;
    return i;
  };
  const refsOf = (o: Record<string, string>) => Object.entries(o).flatMap(([k, v]) => [ref(k), ref(v)]);
  const timeseries = series.map((s) => ({
    labelsRefs: refsOf(s.labels),
    samples: (s.samples ?? []).map(([timestamp, value]) => ({ timestamp, value })),
    exemplars: (s.exemplars ?? []).map((e) => ({ labelsRefs: refsOf(e.labels), value: e.value, timestamp: e.timestamp })),
    ...(meta && { metadata: { type: meta.type, helpRef: ref(meta.help), unitRef: ref(meta.unit) } }),
  }));
  return RequestV2.encode(RequestV2.fromObject({ symbols, timeseries })).finish();
}

export function snappyCompress(bytes: Uint8Array): Buffer {
  return Buffer.from(SnappyJS.compress(bytes) as Uint8Array);
}

import protobuf from 'protobufjs';

/**
 * The OTLP metrics messages this receiver reads and writes, written out with
 * their field numbers from opentelemetry-proto (`metrics/v1/metrics.proto`,
 * `collector/metrics/v1/metrics_service.proto`, `common/v1/common.proto`,
 * `resource/v1/resource.proto`) and parsed by protobufjs at start-up.
 * Exponential histograms are left out on purpose: their points are reported
 * as rejected (partial success) rather than half understood.
 */
const SCHEMA = `
syntax = "proto3";
package otlp;
message ExportMetricsServiceRequest { repeated ResourceMetrics resource_metrics = 1; }
message ExportMetricsServiceResponse { ExportMetricsPartialSuccess partial_success = 1; }
message ExportMetricsPartialSuccess { int64 rejected_data_points = 1; string error_message = 2; }
message Status { int32 code = 1; string message = 2; }
message ResourceMetrics { Resource resource = 1; repeated ScopeMetrics scope_metrics = 2; string schema_url = 3; }
message Resource { repeated KeyValue attributes = 1; uint32 dropped_attributes_count = 2; }
message ScopeMetrics { InstrumentationScope scope = 1; repeated Metric metrics = 2; string schema_url = 3; }
message InstrumentationScope { string name = 1; string version = 2; repeated KeyValue attributes = 3; uint32 dropped_attributes_count = 4; }
message Metric {
  string name = 1; string description = 2; string unit = 3;
  Gauge gauge = 5; Sum sum = 7; Histogram histogram = 9; ExponentialHistogram exponential_histogram = 10; Summary summary = 11;
  repeated KeyValue metadata = 12;
}
message Gauge { repeated NumberDataPoint data_points = 1; }
message Sum { repeated NumberDataPoint data_points = 1; int32 aggregation_temporality = 2; bool is_monotonic = 3; }
message Histogram { repeated HistogramDataPoint data_points = 1; int32 aggregation_temporality = 2; }
message ExponentialHistogram { repeated Opaque data_points = 1; int32 aggregation_temporality = 2; }
message Opaque { fixed64 time_unix_nano = 3; }
message Summary { repeated SummaryDataPoint data_points = 1; }
message NumberDataPoint {
  repeated KeyValue attributes = 7; fixed64 start_time_unix_nano = 2; fixed64 time_unix_nano = 3;
  double as_double = 4; sfixed64 as_int = 6; repeated Exemplar exemplars = 5; uint32 flags = 8;
}
message HistogramDataPoint {
  repeated KeyValue attributes = 9; fixed64 start_time_unix_nano = 2; fixed64 time_unix_nano = 3;
  fixed64 count = 4; double sum = 5; repeated fixed64 bucket_counts = 6; repeated double explicit_bounds = 7;
  repeated Exemplar exemplars = 8; uint32 flags = 10; double min = 11; double max = 12;
}
message SummaryDataPoint {
  repeated KeyValue attributes = 7; fixed64 start_time_unix_nano = 2; fixed64 time_unix_nano = 3;
  fixed64 count = 4; double sum = 5; repeated ValueAtQuantile quantile_values = 6; uint32 flags = 8;
}
message ValueAtQuantile { double quantile = 1; double value = 2; }
message Exemplar {
  repeated KeyValue filtered_attributes = 7; fixed64 time_unix_nano = 2;
  double as_double = 3; sfixed64 as_int = 6; bytes span_id = 4; bytes trace_id = 5;
}
message KeyValue { string key = 1; AnyValue value = 2; }
message AnyValue {
  string string_value = 1; bool bool_value = 2; int64 int_value = 3; double double_value = 4;
  ArrayValue array_value = 5; KeyValueList kvlist_value = 6; bytes bytes_value = 7;
}
message ArrayValue { repeated AnyValue values = 1; }
message KeyValueList { repeated KeyValue values = 1; }
`;

const root = protobuf.parse(SCHEMA).root;
export const ExportMetricsServiceRequest = root.lookupType('otlp.ExportMetricsServiceRequest');
export const ExportMetricsServiceResponse = root.lookupType('otlp.ExportMetricsServiceResponse');
export const RpcStatus = root.lookupType('otlp.Status');

/**
 * Decodes a protobuf request into the same plain shape OTLP/JSON has
 * (lowerCamelCase keys, 64-bit integers as decimal strings), so one
 * translator serves both encodings. Ids (`traceId`, `spanId`) come out as
 * hex, as in OTLP/JSON; presence of oneof members is kept (fields left unset
 * are absent).
 */
export function decodeOtlpProtobuf(bytes: Uint8Array): unknown {
  const msg = ExportMetricsServiceRequest.decode(bytes);
  const obj = ExportMetricsServiceRequest.toObject(msg, { longs: String, bytes: String, defaults: false });
  return fixIds(obj);
}

function fixIds(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(fixIds);
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    for (const k of Object.keys(o)) {
      if ((k === 'traceId' || k === 'spanId') && typeof o[k] === 'string') o[k] = Buffer.from(o[k] as string, 'base64').toString('hex');
      else o[k] = fixIds(o[k]);
    }
  }
  return v;
}

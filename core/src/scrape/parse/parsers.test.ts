import { describe, expect, it } from 'vitest';
import { acceptHeader, formatOf, SCRAPE_ACCEPT_HEADER } from './content-type.js';
import { parseOpenMetrics } from './openmetrics-parser.js';
import { parseText } from './text-parser.js';

const obj = (labels: { name: string; value: string }[]) => Object.fromEntries(labels.map((l) => [l.name, l.value]));

describe('text format 0.0.4', () => {
  it('parses HELP, TYPE, labels, escapes, timestamps and special values', () => {
    const body = [
      '# HELP http_requests_total The total number of "HTTP" requests.\\nSecond line \\\\ done',
      '# TYPE http_requests_total counter',
      'http_requests_total{method="post",code="200"} 1027 1395066363000',
      'http_requests_total{method="post",code="400",}    3   1395066363000',
      '',
      '# A comment',
      'msdos_file_access_time_seconds{path="C:\\\\DIR\\\\FILE.TXT",error="Cannot find file:\\n\\"FILE.TXT\\""} 1.458255915e9',
      'metric_without_timestamp_and_labels 12.47',
      '\tsomething_weird{problem="division by zero"} +Inf -3982045',
      'nan_value NaN',
      '{"my.dotted.metric", "a.b"="x"} -Inf',
      '',
    ].join('\n');
    const r = parseText(body);
    expect(r.format).toBe('text');
    expect(r.samples).toHaveLength(7);
    expect(r.metadata.get('http_requests_total')).toEqual({ type: 'counter', help: 'The total number of "HTTP" requests.\nSecond line \\ done', unit: '' });
    expect(obj(r.samples[0]!.labels)).toEqual({ __name__: 'http_requests_total', method: 'post', code: '200' });
    expect(r.samples[0]!.timestamp).toBe(1395066363000);
    expect(r.samples[1]!.value).toBe(3);
    expect(obj(r.samples[2]!.labels).path).toBe('C:\\DIR\\FILE.TXT');
    expect(obj(r.samples[2]!.labels).error).toBe('Cannot find file:\n"FILE.TXT"');
    expect(r.samples[4]!.value).toBe(Infinity);
    expect(r.samples[4]!.timestamp).toBe(-3982045);
    expect(r.samples[5]!.value).toBeNaN();
    expect(obj(r.samples[6]!.labels)).toEqual({ __name__: 'my.dotted.metric', 'a.b': 'x' });
  });

  it.each([
    ['m{a="1"', /line 1: /],
    ['m{a="1"} ', /missing value/],
    ['m abc', /invalid value "abc"/],
    ['m 1 1.5', /integer milliseconds/],
    ['m{a="1",a="2"} 1', /duplicate label name "a"/],
    ['ok 1\nm 1 2 3', /line 2: unexpected text/],
    ['# TYPE m bogus', /unknown metric type "bogus"/],
    ['m 0x10', /invalid value/],
  ])('fails the scrape on %j', (body, message) => {
    expect(() => parseText(body)).toThrow(message);
  });
});

describe('OpenMetrics 1.0', () => {
  it('parses families, seconds timestamps, exemplars and units', () => {
    const body = [
      '# TYPE acme_http_router_request_seconds histogram',
      '# UNIT acme_http_router_request_seconds seconds',
      '# HELP acme_http_router_request_seconds Latency though all of ACME\'s \\"router\\".',
      'acme_http_router_request_seconds_bucket{le="0.1",path="/api/v1",method="GET"} 2 1520879607.789 # {trace_id="KOO5S4vxi0o"} 0.67',
      'acme_http_router_request_seconds_bucket{le="+Inf",path="/api/v1",method="GET"} 3 1520879607.789 # {trace_id="oHg5SJYRHA0"} 9.8 1520879602.1',
      'acme_http_router_request_seconds_sum{path="/api/v1",method="GET"} 9036.32',
      'acme_http_router_request_seconds_count{path="/api/v1",method="GET"} 3',
      '# TYPE foo counter',
      'foo_total 17.0 1520879607.789',
      'foo_created 1520430000.123',
      '# EOF',
      '',
    ].join('\n');
    const r = parseOpenMetrics(body);
    expect(r.samples).toHaveLength(6);
    expect(r.metadata.get('acme_http_router_request_seconds')).toEqual({ type: 'histogram', unit: 'seconds', help: 'Latency though all of ACME\'s "router".' });
    expect(r.samples[0]!.timestamp).toBe(1520879607789);
    expect(r.samples[0]!.exemplar).toEqual({ labels: [{ name: 'trace_id', value: 'KOO5S4vxi0o' }], value: 0.67 });
    expect(r.samples[1]!.exemplar?.timestamp).toBe(1520879602100);
    expect(r.samples[4]!.timestamp).toBe(1520879607789);
    expect(obj(r.samples[5]!.labels).__name__).toBe('foo_created');
  });

  it.each([
    ['foo 1\n', /missing # EOF/],
    ['foo 1\n# EOF\nbar 2\n', /content after # EOF/],
    ['foo  1\n# EOF\n', /single spaces/],
    ['foo 1\n\n# EOF\n', /empty line/],
    ['# UNIT foo_bytes seconds\n# EOF\n', /not a suffix/],
    ['foo_bucket{le="1"} 1 # {trace_id="' + 'x'.repeat(130) + '"} 1\n# EOF\n', /over the limit of 128/],
  ])('fails the whole exposition on %j', (body, message) => {
    expect(() => parseOpenMetrics(body)).toThrow(message);
  });
});

describe('content negotiation', () => {
  it('picks the parser from Content-Type, leniently', () => {
    expect(formatOf('application/openmetrics-text; version=1.0.0; charset=utf-8')).toEqual({ format: 'openmetrics', lenient: false });
    expect(formatOf('text/plain; version=0.0.4; charset=utf-8')).toEqual({ format: 'text', lenient: false });
    expect(formatOf(undefined)).toEqual({ format: 'text', lenient: true });
    expect(() => formatOf('application/vnd.google.protobuf; proto=io.prometheus.client.MetricFamily; encoding=delimited')).toThrow(/protobuf/);
    expect(formatOf('', 'OpenMetricsText1.0.0')).toEqual({ format: 'openmetrics', lenient: false });
  });

  it('builds the Accept header from scrape_protocols like Prometheus', () => {
    expect(acceptHeader(['OpenMetricsText1.0.0', 'OpenMetricsText0.0.1', 'PrometheusText1.0.0', 'PrometheusText0.0.4'])).toBe(SCRAPE_ACCEPT_HEADER);
    expect(acceptHeader(['PrometheusText0.0.4'])).toBe('text/plain;version=0.0.4;q=0.6,*/*;q=0.5');
  });
});

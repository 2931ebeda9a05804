import type { ScrapeProtocol } from '../../config/index.js';
import { ScrapeError } from '../errors.js';
import { parseOpenMetrics } from './openmetrics-parser.js';
import { parseText } from './text-parser.js';
import type { ParsedExposition } from './types.js';

/**
 * The Accept header Prometheus sends with its default scrape protocols
 * (COMPATIBILITY.md §2.1), without the protobuf entry since the delimited
 * protobuf format is not parsed here.
 */
export const SCRAPE_ACCEPT_HEADER =
  'application/openmetrics-text;version=1.0.0;escaping=allow-utf-8;q=0.6,application/openmetrics-text;version=0.0.1;q=0.5,text/plain;version=1.0.0;escaping=allow-utf-8;q=0.4,text/plain;version=0.0.4;q=0.3,*/*;q=0.2';

export type ExpositionFormat = 'text' | 'openmetrics';

const PROTOCOL_MEDIA = {
  'OpenMetricsText1.0.0': 'application/openmetrics-text;version=1.0.0;escaping=allow-utf-8',
  'OpenMetricsText0.0.1': 'application/openmetrics-text;version=0.0.1',
  'PrometheusText1.0.0': 'text/plain;version=1.0.0;escaping=allow-utf-8',
  'PrometheusText0.0.4': 'text/plain;version=0.0.4',
  PrometheusProto: 'application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;encoding=delimited',
} as const satisfies Record<ScrapeProtocol, string>;

/**
 * The Accept header for `scrape_protocols`, weighted as Prometheus does:
 * q counts down by 0.1 from (known protocols + 1) / 10, then `*\/*`. The
 * protobuf format is left out because it is not parsed here.
 */
export function acceptHeader(protocols: readonly ScrapeProtocol[] | undefined): string {
  if (!protocols) return SCRAPE_ACCEPT_HEADER;
  const known = Object.keys(PROTOCOL_MEDIA).length;
  let weight = known + 1;
  const parts: string[] = [];
  for (const p of protocols) {
    if (p === 'PrometheusProto') continue;
    parts.push(`${PROTOCOL_MEDIA[p]};q=${(weight / 10).toFixed(1).replace(/\.0$/, '')}`);
    weight--;
  }
  parts.push(`*/*;q=${(weight / 10).toFixed(1).replace(/\.0$/, '')}`);
  return parts.join(',');
}

/** The parser a `fallback_scrape_protocol` stands for. */
export function formatOfProtocol(p: ScrapeProtocol): ExpositionFormat {
  return p.startsWith('OpenMetrics') ? 'openmetrics' : 'text';
}

/**
 * Chooses the parser from the response Content-Type. A missing or unknown
 * type is read as `fallback_scrape_protocol` when the job sets one;
 * otherwise Panoptes is lenient where Prometheus 3 is strict (§2.2): it reads
 * text 0.0.4 and reports `lenient` so the caller can log it once per target. The protobuf format fails the scrape with a message.
 */
export function formatOf(contentType: string | undefined, fallback?: ScrapeProtocol): { format: ExpositionFormat; lenient: boolean } {
  const media = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  if (media === 'application/openmetrics-text') return { format: 'openmetrics', lenient: false };
  if (media === 'text/plain') return { format: 'text', lenient: false };
  if (media === 'application/vnd.google.protobuf') {
    throw new ScrapeError('PNP_SCRAPE_CONTENT_TYPE', `the protobuf exposition format is not supported (Content-Type ${JSON.stringify(contentType)}); the target ignored our Accept header`);
  }
  if (fallback && fallback !== 'PrometheusProto') return { format: formatOfProtocol(fallback), lenient: false };
  return { format: 'text', lenient: true };
}

/** Parses an exposition; text-format label sets are parsed lazily (see parseText). */
export function parseExposition(body: string, format: ExpositionFormat): ParsedExposition {
  return format === 'openmetrics' ? parseOpenMetrics(body) : parseText(body, { lazyLabels: true });
}

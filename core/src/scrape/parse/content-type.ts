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

/**
 * Chooses the parser from the response Content-Type. Lenient where
 * Prometheus 3 is strict (a Panoptes choice, §2.2): a missing or unknown
 * type is read as text 0.0.4 and `lenient` is reported so the caller can log
 * it once per target. The protobuf format fails the scrape with a message.
 */
export function formatOf(contentType: string | undefined): { format: ExpositionFormat; lenient: boolean } {
  const media = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  if (media === 'application/openmetrics-text') return { format: 'openmetrics', lenient: false };
  if (media === 'text/plain') return { format: 'text', lenient: false };
  if (media === 'application/vnd.google.protobuf') {
    throw new ScrapeError('PNP_SCRAPE_CONTENT_TYPE', `the protobuf exposition format is not supported (Content-Type ${JSON.stringify(contentType)}); the target ignored our Accept header`);
  }
  return { format: 'text', lenient: true };
}

/** Parses an exposition; text-format label sets are parsed lazily (see parseText). */
export function parseExposition(body: string, format: ExpositionFormat): ParsedExposition {
  return format === 'openmetrics' ? parseOpenMetrics(body) : parseText(body, { lazyLabels: true });
}

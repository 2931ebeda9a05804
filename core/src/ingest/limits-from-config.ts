import { parseBytes, type IngestConfig } from '../config/index.js';
import type { IngestLimits } from './limits.js';

/** The limits in force for an `ingest:` config block (validated, so byte sizes parse). */
export function limitsFromConfig(ingest: IngestConfig): IngestLimits {
  const l = ingest.limits;
  return {
    maxBodyBytes: parseBytes(l.max_body_bytes) ?? 0,
    maxDecompressedBytes: parseBytes(l.max_decompressed_bytes) ?? 0,
    maxSeriesPerRequest: l.max_series_per_request,
    maxLabelsPerSeries: l.max_labels_per_series,
    maxLabelNameLength: l.max_label_name_length,
    maxLabelValueLength: l.max_label_value_length,
    nameValidation: l.name_validation,
  };
}

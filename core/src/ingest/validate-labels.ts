import type { Label } from '@panoptes/storage';
import type { IngestLimits } from './limits.js';

const METRIC_NAME_RE = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL_NAME_RE = /^[a-zA-Z_][a-zA-Z0-9_]*$/;

/** Writes a label set the way Prometheus prints it, for error messages (long sets are cut). */
export function formatLabels(labels: readonly Label[]): string {
  const name = labels.find((l) => l.name === '__name__')?.value ?? '';
  const rest = labels.filter((l) => l.name !== '__name__').map((l) => `${l.name}=${JSON.stringify(l.value)}`);
  const text = `${name}{${rest.join(', ')}}`;
  return text.length > 200 ? `${text.slice(0, 197)}...` : text;
}

/**
 * Checks one pushed label set and returns it sorted by name with empty-valued
 * labels removed (an empty value means "absent" in Prometheus), or a message
 * naming the series and what is wrong. Senders promise sorted names but the
 * receiver sorts rather than trusts.
 */
export function validateLabels(input: Label[], limits: IngestLimits): { labels: Label[]; error?: undefined } | { error: string } {
  if (limits.maxLabelsPerSeries > 0 && input.length > limits.maxLabelsPerSeries) {
    return { error: `series ${formatLabels(input)}: ${input.length} labels, over the limit of ${limits.maxLabelsPerSeries} (max_labels_per_series)` };
  }
  const labels: Label[] = [];
  let sorted = true;
  for (const l of input) {
    if (l.value === '') continue;
    if (labels.length > 0 && labels[labels.length - 1]!.name >= l.name) sorted = false;
    labels.push(l);
  }
  if (!sorted) labels.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  let hasName = false;
  for (let i = 0; i < labels.length; i++) {
    const { name, value } = labels[i]!;
    if (name === '') return { error: `series ${formatLabels(input)}: empty label name` };
    if (i > 0 && labels[i - 1]!.name === name) return { error: `series ${formatLabels(input)}: duplicate label name "${name}"` };
    if (limits.maxLabelNameLength > 0 && Buffer.byteLength(name) > limits.maxLabelNameLength) {
      return { error: `series ${formatLabels(input)}: label name "${name.slice(0, 64)}..." is ${Buffer.byteLength(name)} bytes, over the limit of ${limits.maxLabelNameLength} (max_label_name_length)` };
    }
    if (limits.maxLabelValueLength > 0 && Buffer.byteLength(value) > limits.maxLabelValueLength) {
      return { error: `series ${formatLabels(input)}: value of label "${name}" is ${Buffer.byteLength(value)} bytes, over the limit of ${limits.maxLabelValueLength} (max_label_value_length)` };
    }
    if (name === '__name__') {
      hasName = true;
      if (limits.nameValidation === 'legacy' && !METRIC_NAME_RE.test(value)) {
        return { error: `series ${formatLabels(input)}: metric name ${JSON.stringify(value)} is not valid (must match [a-zA-Z_:][a-zA-Z0-9_:]*)` };
      }
    } else if (limits.nameValidation === 'legacy' && !LABEL_NAME_RE.test(name)) {
      return { error: `series ${formatLabels(input)}: label name ${JSON.stringify(name)} is not valid (must match [a-zA-Z_][a-zA-Z0-9_]*)` };
    }
    if (name.includes('\uFFFD') || value.includes('\uFFFD')) {
      return { error: `series ${formatLabels(input)}: label "${name}" is not valid UTF-8` };
    }
  }
  if (!hasName) return { error: `series ${formatLabels(input)}: missing metric name (__name__ label)` };
  return { labels };
}

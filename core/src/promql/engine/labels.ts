import type { Label, Labels } from '@panoptes/storage';

export const METRIC_NAME = '__name__';

const keyCache = new WeakMap<Labels, string>();

/** A string that identifies a label set (names and values cannot contain \xff). */
export function labelsKey(ls: Labels): string {
  let k = keyCache.get(ls);
  if (k === undefined) {
    k = '';
    for (const l of ls) k += `${l.name}\xfe${l.value}\xff`;
    keyCache.set(ls, k);
  }
  return k;
}

export function getLabel(ls: Labels, name: string): string {
  for (const l of ls) if (l.name === name) return l.value;
  return '';
}

export function hasLabel(ls: Labels, name: string): boolean {
  return ls.some((l) => l.name === name);
}

/**
 * Removes the metric name, and with it the `__type__` and `__unit__` labels
 * that describe it (Prometheus's type-and-unit labels).
 */
const droppedCache = new WeakMap<Labels, Labels>();

export function dropMetricName(ls: Labels): Labels {
  let d = droppedCache.get(ls);
  if (d === undefined) {
    d = dropMetricNameUncached(ls);
    droppedCache.set(ls, d);
  }
  return d;
}

function dropMetricNameUncached(ls: Labels): Labels {
  return ls.some((l) => l.name.startsWith('__') && (l.name === METRIC_NAME || l.name === '__type__' || l.name === '__unit__'))
    ? ls.filter((l) => l.name !== METRIC_NAME && l.name !== '__type__' && l.name !== '__unit__')
    : ls;
}

/** Key of the labels named in `names` (on / by). */
export function keyForLabels(ls: Labels, names: ReadonlySet<string>): string {
  let k = '';
  for (const l of ls) if (names.has(l.name)) k += `${l.name}\xfe${l.value}\xff`;
  return k;
}

/** Key of all labels except `names` and the metric name (ignoring / without). */
export function keyWithoutLabels(ls: Labels, names: ReadonlySet<string>): string {
  let k = '';
  for (const l of ls) if (l.name !== METRIC_NAME && !names.has(l.name)) k += `${l.name}\xfe${l.value}\xff`;
  return k;
}

export function keepLabels(ls: Labels, names: ReadonlySet<string>): Labels {
  return ls.filter((l) => names.has(l.name));
}

export function withoutLabels(ls: Labels, names: ReadonlySet<string>, dropName = true): Labels {
  return ls.filter((l) => !names.has(l.name) && !(dropName && l.name === METRIC_NAME));
}

/** Sets (or deletes, for an empty value) one label, keeping the set sorted. */
export function setLabel(ls: Labels, name: string, value: string): Labels {
  const out: Label[] = [];
  let done = false;
  for (const l of ls) {
    if (!done && l.name >= name) {
      if (value !== '') out.push({ name, value });
      done = true;
      if (l.name === name) continue;
    }
    out.push(l);
  }
  if (!done && value !== '') out.push({ name, value });
  return out;
}

export function labelsFromRecord(rec: Record<string, string>): Labels {
  return Object.keys(rec)
    .filter((k) => rec[k] !== '')
    .sort(compareStrings)
    .map((name) => ({ name, value: rec[name]! }));
}

export function labelsToRecord(ls: Labels): Record<string, string> {
  const out: Record<string, string> = {};
  for (const l of ls) out[l.name] = l.value;
  return out;
}

export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

// One definition of label-set order and printing, shared with storage.
export { compareLabels, formatLabels } from '@panoptes/storage';

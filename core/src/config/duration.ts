/**
 * Prometheus duration syntax: one or more `<int><unit>` terms in decreasing
 * unit order, units y w d h m s ms (e.g. `15s`, `1m30s`, `2h`). A plain `0`
 * is allowed. Years are 365 days and weeks 7 days, as in Prometheus'
 * model.ParseDuration.
 */

const UNIT_MS = {
  y: 365 * 24 * 3600 * 1000,
  w: 7 * 24 * 3600 * 1000,
  d: 24 * 3600 * 1000,
  h: 3600 * 1000,
  m: 60 * 1000,
  s: 1000,
  ms: 1,
} as const satisfies Record<string, number>;

type Unit = keyof typeof UNIT_MS;
const UNIT_ORDER: readonly Unit[] = ['y', 'w', 'd', 'h', 'm', 's', 'ms'];
const TERM = /(\d+)(ms|y|w|d|h|m|s)/y;

/** Parses a Prometheus duration into milliseconds, or returns undefined when it is not one. */
export function parseDuration(text: string): number | undefined {
  if (text === '0') return 0;
  if (text === '') return undefined;
  let total = 0;
  let lastUnitIndex = -1;
  TERM.lastIndex = 0;
  let pos = 0;
  while (pos < text.length) {
    TERM.lastIndex = pos;
    const m = TERM.exec(text);
    if (!m) return undefined;
    const unitIndex = UNIT_ORDER.indexOf(m[2] as Unit);
    // Units must strictly decrease, as Prometheus requires ("1s1m" is invalid).
    if (unitIndex <= lastUnitIndex) return undefined;
    lastUnitIndex = unitIndex;
    total += Number(m[1]) * UNIT_MS[m[2] as Unit];
    pos = TERM.lastIndex;
  }
  return Number.isSafeInteger(total) ? total : undefined;
}

/** Formats milliseconds the way Prometheus prints durations (`1h30m`, `15s`, `0s`). */
export function formatDuration(ms: number): string {
  if (ms === 0) return '0s';
  let rest = ms;
  let out = '';
  for (const unit of UNIT_ORDER) {
    const size = UNIT_MS[unit];
    if (rest >= size) {
      out += `${Math.floor(rest / size)}${unit}`;
      rest %= size;
    }
  }
  return out;
}

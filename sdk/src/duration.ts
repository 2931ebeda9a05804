import { SdkError } from './errors.js';

const UNIT_MS = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000, y: 31_536_000_000 } as const;

/**
 * Milliseconds in a Prometheus-style duration (`15s`, `1m30s`, `250ms`,
 * `2h`); a number is taken as milliseconds already. Throws PNP_SDK_DURATION
 * on anything else, so a plugin can use it on config values the host has
 * already validated.
 */
export function parseDuration(value: string | number): number {
  if (typeof value === 'number') {
    if (Number.isFinite(value) && value >= 0) return value;
    throw new SdkError('PNP_SDK_DURATION', `${value} is not a duration in milliseconds`);
  }
  if (value === '0') return 0;
  const re = /(\d+)(ms|s|m|h|d|w|y)/gy;
  let total = 0;
  let matched = 0;
  for (let m = re.exec(value); m !== null; m = re.exec(value)) {
    total += Number(m[1]) * UNIT_MS[m[2] as keyof typeof UNIT_MS];
    matched = re.lastIndex;
  }
  if (value === '' || matched !== value.length) {
    throw new SdkError('PNP_SDK_DURATION', `${JSON.stringify(value)} is not a duration (use Prometheus syntax such as 15s, 1m30s, 2h)`);
  }
  return total;
}

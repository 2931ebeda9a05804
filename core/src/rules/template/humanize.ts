import { formatG } from './go-format.js';

/**
 * Prometheus' humanize* template functions (template/template.go,
 * prometheus/common HumanizeDuration), with Go `%.4g` formatting.
 */

const BIG = ['k', 'M', 'G', 'T', 'P', 'E', 'Z', 'Y'] as const;
const SMALL = ['m', 'u', 'n', 'p', 'f', 'a', 'z', 'y'] as const;
const BINARY = ['ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei', 'Zi', 'Yi'] as const;

function finite(v: number): boolean {
  return Number.isFinite(v);
}

/** Scales down by powers of 1000 below 1 (m, u, n, …), returning the scaled value and prefix. */
function scaleSmall(v: number): [number, string] {
  let prefix = '';
  for (const p of SMALL) {
    if (Math.abs(v) >= 1) break;
    prefix = p;
    v *= 1000;
  }
  return [v, prefix];
}

export function humanize(v: number): string {
  if (v === 0 || !finite(v)) return formatG(v, 4);
  if (Math.abs(v) >= 1) {
    let prefix = '';
    for (const p of BIG) {
      if (Math.abs(v) < 1000) break;
      prefix = p;
      v /= 1000;
    }
    return formatG(v, 4) + prefix;
  }
  const [scaled, prefix] = scaleSmall(v);
  return formatG(scaled, 4) + prefix;
}

export function humanize1024(v: number): string {
  if (Math.abs(v) <= 1 || !finite(v)) return formatG(v, 4);
  let prefix = '';
  for (const p of BINARY) {
    if (Math.abs(v) < 1024) break;
    prefix = p;
    v /= 1024;
  }
  return formatG(v, 4) + prefix;
}

export function humanizePercentage(v: number): string {
  return `${formatG(v * 100, 4)}%`;
}

/** Seconds as `1d 2h 3m 4s`, `1m 0s`, `1.5s`, `10ms`. */
export function humanizeDuration(v: number): string {
  if (!finite(v)) return formatG(v, 4);
  if (v === 0) return `${formatG(v, 4)}s`;
  if (Math.abs(v) >= 1) {
    const sign = v < 0 ? '-' : '';
    const abs = Math.abs(v);
    const total = Math.trunc(abs);
    const seconds = total % 60;
    const minutes = Math.trunc(total / 60) % 60;
    const hours = Math.trunc(total / 3600) % 24;
    const days = Math.trunc(total / 86400);
    if (days !== 0) return `${sign}${days}d ${hours}h ${minutes}m ${seconds}s`;
    if (hours !== 0) return `${sign}${hours}h ${minutes}m ${seconds}s`;
    if (minutes !== 0) return `${sign}${minutes}m ${seconds}s`;
    return `${sign}${formatG(abs, 4)}s`;
  }
  const [scaled, prefix] = scaleSmall(v);
  return `${formatG(scaled, 4)}${prefix}s`;
}

/** Unix seconds as Go's time.Time String() in UTC: `2015-06-30 20:10:51.781 +0000 UTC`. */
export function humanizeTimestamp(v: number): string {
  if (!finite(v)) return formatG(v, 4);
  return formatGoTime(v);
}

/**
 * Go's time.Time.String() for a UTC instant given in Unix seconds, at
 * millisecond precision: Prometheus converts through model.Time
 * (TimeFromUnixNano(int64(v*1e9)), which truncates to ms).
 */
export function formatGoTime(seconds: number): string {
  const nanos = (BigInt(Math.trunc(seconds * 1e9)) / 1_000_000n) * 1_000_000n;
  let secs = nanos / 1_000_000_000n;
  let frac = nanos % 1_000_000_000n;
  if (frac < 0n) {
    frac += 1_000_000_000n;
    secs -= 1n;
  }
  const d = new Date(Number(secs) * 1000);
  const p2 = (n: number): string => String(n).padStart(2, '0');
  const date = `${String(d.getUTCFullYear()).padStart(4, '0')}-${p2(d.getUTCMonth() + 1)}-${p2(d.getUTCDate())}`;
  const time = `${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}`;
  const fraction = frac === 0n ? '' : `.${frac.toString().padStart(9, '0').replace(/0+$/, '')}`;
  return `${date} ${time}${fraction} +0000 UTC`;
}

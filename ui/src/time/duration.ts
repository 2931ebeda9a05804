// Prometheus durations ("1h30m", "5m", "250ms") to and from milliseconds.

const UNIT_MS = { y: 365 * 86_400_000, w: 7 * 86_400_000, d: 86_400_000, h: 3_600_000, m: 60_000, s: 1000, ms: 1 } as const satisfies Record<string, number>;
type Unit = keyof typeof UNIT_MS;

const DURATION_RE = /^(?:(\d+)y)?(?:(\d+)w)?(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?(?:(\d+)ms)?$/;

/** Parses "1h30m" or plain seconds ("15", "0.5"); returns undefined when neither. */
export function parseDuration(text: string): number | undefined {
  const s = text.trim();
  if (s === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(s)) return Math.round(Number(s) * 1000);
  const m = DURATION_RE.exec(s);
  if (!m) return undefined;
  const units: Unit[] = ['y', 'w', 'd', 'h', 'm', 's', 'ms'];
  let total = 0;
  let any = false;
  units.forEach((u, i) => {
    const v = m[i + 1];
    if (v !== undefined) {
      any = true;
      total += Number(v) * UNIT_MS[u];
    }
  });
  return any ? total : undefined;
}

export function formatDuration(ms: number): string {
  if (ms <= 0) return '0s';
  let rest = Math.round(ms);
  let out = '';
  for (const u of ['y', 'w', 'd', 'h', 'm', 's', 'ms'] as Unit[]) {
    const n = Math.floor(rest / UNIT_MS[u]);
    if (n > 0) {
      out += `${n}${u}`;
      rest -= n * UNIT_MS[u];
    }
  }
  return out;
}

const NICE_STEPS_S = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400];

/**
 * A step that gives about `points` points over the range, rounded up to a value
 * people recognise, and never so small that the server refuses the query
 * (Prometheus allows at most 11,000 points per series).
 */
export function autoStepSeconds(rangeMs: number, points = 600): number {
  const raw = rangeMs / 1000 / points;
  const nice = NICE_STEPS_S.find((s) => s >= raw) ?? Math.ceil(raw / 86400) * 86400;
  const minimum = Math.ceil(rangeMs / 1000 / 11_000);
  return Math.max(nice, minimum, 1);
}

// Which clock times are shown and typed in: the browser's local time (default)
// or UTC. A plain object, so pure modules read it without Vue; `timezone.ts`
// keeps it in sync with the toggle in the top bar.

export const zone = { utc: false };

export interface WallClock { year: number; month: number; day: number; hour: number; minute: number; second: number }

export function wallClock(ms: number): WallClock {
  const d = new Date(ms);
  return zone.utc
    ? { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), hour: d.getUTCHours(), minute: d.getUTCMinutes(), second: d.getUTCSeconds() }
    : { year: d.getFullYear(), month: d.getMonth() + 1, day: d.getDate(), hour: d.getHours(), minute: d.getMinutes(), second: d.getSeconds() };
}

export function fromWallClock(c: WallClock): number {
  return zone.utc
    ? Date.UTC(c.year, c.month - 1, c.day, c.hour, c.minute, c.second)
    : new Date(c.year, c.month - 1, c.day, c.hour, c.minute, c.second).getTime();
}

// The last expressions you ran in Explore, kept in this browser only.

const KEY = 'panoptes.explore.history';
const MAX = 30;

export function readHistory(): string[] {
  try {
    const v: unknown = JSON.parse(localStorage.getItem(KEY) ?? '[]');
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}

export function remember(expr: string): void {
  const e = expr.trim();
  if (!e) return;
  try {
    localStorage.setItem(KEY, JSON.stringify([e, ...readHistory().filter((h) => h !== e)].slice(0, MAX)));
  } catch {
    // Storage may be full or refused; history is a convenience.
  }
}

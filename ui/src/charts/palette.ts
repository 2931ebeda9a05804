// Colours that stay distinguishable on both themes, and the theme-dependent ink
// read from the CSS variables the stylesheet defines.

export const SERIES_COLORS = [
  '#3b82f6', '#f59e0b', '#10b981', '#ef4444', '#8b5cf6', '#06b6d4', '#ec4899', '#84cc16',
  '#f97316', '#6366f1', '#14b8a6', '#eab308', '#a855f7', '#22c55e', '#0ea5e9', '#e11d48',
  '#64748b', '#d946ef', '#65a30d', '#0891b2',
];

export const colorAt = (i: number): string => SERIES_COLORS[i % SERIES_COLORS.length]!;

export interface ChartInk { text: string; muted: string; grid: string; axis: string; surface: string; border: string }

export function readInk(el: Element = document.documentElement): ChartInk {
  const css = getComputedStyle(el);
  const v = (name: string, fallback: string): string => css.getPropertyValue(name).trim() || fallback;
  return {
    text: v('--text', '#1f2937'),
    muted: v('--text-muted', '#6b7280'),
    grid: v('--chart-grid', '#e5e7eb'),
    axis: v('--chart-axis', '#9ca3af'),
    surface: v('--surface', '#ffffff'),
    border: v('--border', '#e5e7eb'),
  };
}

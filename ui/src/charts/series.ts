// Converts API results into chart series: numbers instead of strings, times in
// milliseconds, and a gap (null) wherever samples are missing, so a line does not
// bridge a period with no data.

import type { Labels, MatrixSeries } from '../api/types.js';
import { applyLegendFormat, parseSampleValue } from './format.js';

export interface ChartSeries {
  /** Unique display name (a suffix is added when a legend template collapses names). */
  name: string;
  labels: Labels;
  /** [time ms, value | null]; null breaks the line. */
  data: [number, number | null][];
}

export function matrixToSeries(result: MatrixSeries[], stepSeconds: number, legendFormat?: string): ChartSeries[] {
  const seen = new Map<string, number>();
  const gapMs = stepSeconds * 1000 * 1.5;
  return result.map((s) => {
    let name = applyLegendFormat(legendFormat, s.metric);
    const n = seen.get(name) ?? 0;
    seen.set(name, n + 1);
    if (n > 0) name = `${name} (${n + 1})`;
    const data: [number, number | null][] = [];
    let prev: number | undefined;
    for (const [ts, v] of s.values) {
      const ms = Math.round(ts * 1000);
      if (prev !== undefined && ms - prev > gapMs) data.push([prev + stepSeconds * 1000, null]);
      const num = parseSampleValue(v);
      data.push([ms, Number.isFinite(num) ? num : null]);
      prev = ms;
    }
    return { name, labels: s.metric, data };
  });
}

/** Total number of points across series, to decide when to switch to large-data settings. */
export const pointCount = (series: ChartSeries[]): number => series.reduce((n, s) => n + s.data.length, 0);

// Prometheus links its expression browser as /graph?g0.expr=…; alert
// generatorURLs use that form, so Explore understands it.

export type RouteQuery = Record<string, string | null | (string | null)[]>;

/** Reads Prometheus' /graph parameters (first panel only) into Explore's. */
export function graphToExplore(q: RouteQuery): RouteQuery {
  const first = (k: string): string | undefined => {
    const v = q[k];
    const s = Array.isArray(v) ? v[0] : v;
    return typeof s === 'string' ? s : undefined;
  };
  const expr = first('g0.expr');
  if (expr === undefined) return q;
  const out: RouteQuery = { expr };
  if (first('g0.tab') === '1') {
    out['mode'] = 'instant';
  }
  const range = first('g0.range_input');
  if (range) out['from'] = `now-${range}`;
  return out;
}

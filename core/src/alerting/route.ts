import { compileMatcher, formatMatcher, matchesAll, type CompiledMatcher } from './matchers.js';

/** Timing and grouping a route node resolved from itself and its ancestors. ms. */
export interface RouteOptions {
  readonly receiver: string;
  /** Label names to group by; ignored when groupByAll. */
  readonly groupBy: readonly string[];
  /** `group_by: ['...']`: every label set is its own group. */
  readonly groupByAll: boolean;
  readonly groupWait: number;
  readonly groupInterval: number;
  readonly repeatInterval: number;
  readonly muteTimeIntervals: readonly string[];
  readonly activeTimeIntervals: readonly string[];
}

/**
 * A node of the route tree. An alert descends into the first child that
 * matches (or every matching child while `continue` is set) and is handled
 * by the deepest nodes it reaches; the root matches everything.
 */
export class Route {
  readonly children: Route[] = [];
  /** `{}/{severity="page"}` — the path of matcher sets from the root, Alertmanager's route key. */
  readonly key: string;
  /** Position in the tree, e.g. `0.1.0`, stable across reloads of the same config. */
  readonly id: string;

  constructor(
    readonly matchers: readonly CompiledMatcher[],
    readonly opts: RouteOptions,
    readonly continueMatching: boolean,
    readonly parent: Route | undefined,
    index: number,
  ) {
    const own = `{${matchers.map(formatMatcher).join(',')}}`;
    this.key = parent ? `${parent.key}/${own}` : own;
    this.id = parent ? `${parent.id}.${index}` : '0';
  }

  /** The routes that handle an alert with these labels, in tree order. */
  match(labels: Readonly<Record<string, string>>): Route[] {
    if (!matchesAll(this.matchers, labels)) return [];
    const out: Route[] = [];
    for (const child of this.children) {
      const got = child.match(labels);
      out.push(...got);
      if (got.length > 0 && !child.continueMatching) break;
    }
    return out.length > 0 ? out : [this];
  }

  /** The group labels of an alert under this route. */
  groupLabels(labels: Readonly<Record<string, string>>): Record<string, string> {
    if (this.opts.groupByAll) return { ...labels };
    const out: Record<string, string> = {};
    for (const name of this.opts.groupBy) if (labels[name] !== undefined && labels[name] !== '') out[name] = labels[name]!;
    return out;
  }

  /** Every node, depth first. */
  *walk(): Generator<Route> {
    yield this;
    for (const c of this.children) yield* c.walk();
  }
}

/** `<route key>:{a="1", b="2"}`, Alertmanager's group key (labels sorted, `, ` separated). */
export function groupKey(route: Route, groupLabels: Readonly<Record<string, string>>): string {
  const inner = Object.keys(groupLabels)
    .sort()
    .map((k) => `${k}=${JSON.stringify(groupLabels[k])}`)
    .join(', ');
  return `${route.key}:{${inner}}`;
}

export { compileMatcher };

/** The methods a plugin route may serve; HEAD falls back to the GET route. */
export type HttpMethod = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** What a route handler receives. */
export interface PluginRequest {
  readonly method: HttpMethod;
  /** The request path without the query string, as the client sent it. */
  readonly path: string;
  /** Values of `:name` segments and `*` (the rest of the path) in the route pattern. */
  readonly params: Readonly<Record<string, string>>;
  /** Query string parameters; repeated keys give arrays. */
  readonly query: Readonly<Record<string, string | readonly string[]>>;
  /** Request headers, lower-case names. */
  readonly headers: Readonly<Record<string, string | undefined>>;
  /**
   * The body: parsed JSON for `application/json`, the raw bytes for any other
   * content type (protobuf, snappy, text), undefined when empty.
   */
  readonly body: unknown;
  /** Aborts when the client goes away or the host's route timeout passes. */
  readonly signal: AbortSignal;
}

/** What a route handler returns. Returning nothing means 204. */
export interface PluginResponse {
  /** 200 when left out. */
  readonly status?: number;
  readonly headers?: Readonly<Record<string, string>>;
  /** An object or array is sent as JSON, a string as text, bytes as they are. */
  readonly body?: unknown;
}

/** Answers one request; may be async. A throw answers 500, see {@link HttpRoutes}. */
export type RouteHandler = (request: PluginRequest) => Promise<PluginResponse | void> | PluginResponse | void;

/** One route: method, path pattern, handler, and whether it is public. */
export interface RouteOptions {
  readonly method: HttpMethod;
  /**
   * The path pattern: `/status`, `/series/:id`, `/files/*`. For a normal
   * route it is relative to /api/plugins/<id>/ (so `/status` serves
   * /api/plugins/<id>/status). For a public route it is absolute and must be
   * inside one of the manifest's `publicPaths`.
   */
  readonly path: string;
  readonly handler: RouteHandler;
  /** Serve at an absolute public path declared in the manifest. */
  readonly public?: boolean;
}

/**
 * Mounts HTTP routes. Register them in `start`; they are dropped when the
 * plugin stops and answer 503 while it is not running.
 *
 * Contract: a handler that throws answers 500 with the error's message and
 * code, and is recorded as the plugin's last error; one that does not
 * settle within the host's route timeout answers 504 and its signal aborts.
 */
export interface HttpRoutes {
  route(options: RouteOptions): void;
}

/** A compiled route pattern. */
export interface RoutePattern {
  readonly pattern: string;
  /** Params when `path` matches, else undefined. */
  match(path: string): Record<string, string> | undefined;
}

/**
 * Compiles `/a/:name/*`-style patterns. Hosts and the test harness use it so
 * a plugin's routes match the same paths in tests and in the server.
 * Returns undefined for a malformed pattern.
 */
export function compileRoutePattern(pattern: string): RoutePattern | undefined {
  if (!pattern.startsWith('/') || /\/\//.test(pattern)) return undefined;
  const segments = pattern.split('/').slice(1);
  const names: string[] = [];
  let source = '^';
  for (let i = 0; i < segments.length; i++) {
    const seg = segments[i]!;
    if (seg === '*' && i === segments.length - 1) {
      source += '(?:/(.*))?';
      names.push('*');
    } else if (seg.startsWith(':')) {
      const name = seg.slice(1);
      if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) return undefined;
      source += '/([^/]+)';
      names.push(name);
    } else if (/^[A-Za-z0-9._~-]*$/.test(seg)) {
      source += `/${seg.replace(/[.]/g, '\\.')}`;
    } else return undefined;
  }
  const re = new RegExp(`${source}$`);
  return {
    pattern,
    match(path: string) {
      const m = re.exec(path);
      if (!m) return undefined;
      const params: Record<string, string> = {};
      names.forEach((n, i) => {
        const raw = m[i + 1] ?? '';
        try {
          params[n] = decodeURIComponent(raw);
        } catch {
          params[n] = raw;
        }
      });
      return params;
    },
  };
}

/** True when route path `path` lies inside declared public path `declared` (exact, or a `/*` prefix). */
export function withinPublicPath(path: string, declared: string): boolean {
  if (declared.endsWith('/*')) {
    const base = declared.slice(0, -2);
    return path === base || path.startsWith(`${base}/`);
  }
  return path === declared;
}

// Every error the UI raises itself, each with a stable code. Messages are shown
// to you as they are, so they say what was wrong and where.

/** An API call failed: the server's own error, an HTTP failure, or no answer. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly code = 'PNP_UI_API';
  constructor(
    message: string,
    /** Prometheus errorType (bad_data, execution, ...) or `http` / `network` */
    readonly errorType: string,
    readonly status: number,
    readonly path: string,
  ) {
    super(message);
  }
}

/** A dashboard (stored, edited as JSON or imported) does not fit the model; `path` names the field. */
export class DashboardModelError extends Error {
  override readonly name = 'DashboardModelError';
  constructor(readonly code: 'PNP_UI_DASHBOARD_INVALID' | 'PNP_UI_GRAFANA_IMPORT', readonly path: string, message: string) {
    super(`${path}: ${message}`);
  }
}

/** Silence matchers typed in the form cannot be read, or would match every alert. */
export class MatcherSyntaxError extends Error {
  override readonly name = 'MatcherSyntaxError';
  readonly code = 'PNP_UI_MATCHER_SYNTAX';
}

/** Explore's range or step in the address cannot be used. */
export class ExploreInputError extends Error {
  override readonly name = 'ExploreInputError';
  readonly code = 'PNP_UI_EXPLORE_INPUT';
}

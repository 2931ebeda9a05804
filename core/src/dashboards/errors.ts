/** Error catalogue of the dashboards area. */
export type DashboardErrorCode = 'PNP_DASHBOARD_INVALID' | 'PNP_DASHBOARD_NOT_FOUND' | 'PNP_DASHBOARD_CONFLICT';

export class DashboardError extends Error {
  constructor(readonly code: DashboardErrorCode, message: string) {
    super(message);
    this.name = 'DashboardError';
  }
}

/** HTTP status and Prometheus-style errorType for each code, in one place. */
export const DASHBOARD_ERROR_HTTP = {
  PNP_DASHBOARD_INVALID: { status: 400, errorType: 'bad_data' },
  PNP_DASHBOARD_NOT_FOUND: { status: 404, errorType: 'not_found' },
  PNP_DASHBOARD_CONFLICT: { status: 409, errorType: 'conflict' },
} as const satisfies Record<DashboardErrorCode, { status: number; errorType: string }>;

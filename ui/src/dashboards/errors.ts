// Errors of the dashboard model, with stable codes and the JSON path at fault.

export class DashboardModelError extends Error {
  override readonly name = 'DashboardModelError';
  constructor(readonly code: 'PNP_UI_DASHBOARD_INVALID' | 'PNP_UI_GRAFANA_IMPORT', readonly path: string, message: string) {
    super(`${path}: ${message}`);
  }
}

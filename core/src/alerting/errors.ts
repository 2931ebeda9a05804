/** Error codes of the alerting area; stable, never reused. */
export type AlertingErrorCode =
  /** The alerting section of the config is inconsistent (unknown receiver, bad matcher, …). */
  | 'PNP_ALERTING_CONFIG'
  /** A matcher string does not parse. */
  | 'PNP_ALERTING_MATCHER'
  /** A silence is invalid (no matchers, ends before it starts, …). */
  | 'PNP_ALERTING_SILENCE'
  /** A silence id is unknown. */
  | 'PNP_ALERTING_SILENCE_NOT_FOUND'
  /** A receiver names a notifier plugin that is not loaded. */
  | 'PNP_ALERTING_NO_NOTIFIER'
  /** A notifier failed to deliver. */
  | 'PNP_ALERTING_DELIVERY';

export class AlertingError extends Error {
  constructor(
    readonly code: AlertingErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'AlertingError';
  }
}

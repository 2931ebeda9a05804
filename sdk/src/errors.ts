/**
 * Every error code the SDK and a conforming host raise through SDK
 * capabilities. Codes are stable: a retired code is never reused.
 *
 * Check `error.code`, never `instanceof`: a plugin installed from npm carries
 * its own copy of this package, so its `SdkError` class is not the host's.
 */
export type SdkErrorCode =
  /** The manifest given to `definePlugin` is invalid; the message lists every problem. */
  | 'PNP_SDK_MANIFEST'
  /** A capability was used that the manifest's `kinds` do not declare (e.g. notifier registration without `notifier`). */
  | 'PNP_SDK_CAPABILITY'
  /** The host cannot offer this capability right now (e.g. no PromQL engine, storage not open); retrying later may work. */
  | 'PNP_SDK_UNAVAILABLE'
  /** A route's path is malformed, not under a declared public path, or already taken. */
  | 'PNP_SDK_ROUTE'
  /** Samples handed to the appender are malformed (bad metric or label name, non-number value). */
  | 'PNP_SDK_SAMPLE'
  /** A job definition is invalid (name taken, bad interval or jitter). */
  | 'PNP_SDK_JOB'
  /** A metric definition is invalid or conflicts with an existing one. */
  | 'PNP_SDK_METRIC'
  /** The plugin has been stopped; the capability no longer accepts calls. */
  | 'PNP_SDK_STOPPED'
  /** A duration string could not be parsed. */
  | 'PNP_SDK_DURATION';

/**
 * Who is to blame for a failure: the plugin's own code or something it
 * depends on (the host, storage, a remote system). The host restarts a
 * plugin only for failures of the plugin's own making.
 */
export type ErrorSource = 'plugin' | 'downstream';

/** An error raised by the SDK or by a host capability. */
export class SdkError extends Error {
  override readonly name = 'SdkError';
  readonly source: ErrorSource;
  constructor(
    readonly code: SdkErrorCode,
    message: string,
    options: { cause?: unknown; source?: ErrorSource } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.source = options.source ?? 'plugin';
  }
}

/** True for any SDK error (from any copy of the SDK) carrying `code`. */
export function isSdkError(err: unknown, code?: SdkErrorCode): err is SdkError {
  if (err === null || typeof err !== 'object') return false;
  const c = (err as { code?: unknown }).code;
  return typeof c === 'string' && c.startsWith('PNP_SDK_') && (code === undefined || c === code);
}

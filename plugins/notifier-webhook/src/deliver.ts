/** One delivery attempt's outcome. */
export type AttemptResult = { ok: true } | { ok: false; retry: boolean; reason: string };

export interface DeliveryOptions {
  readonly url: string;
  readonly body: string;
  readonly headers: Readonly<Record<string, string>>;
  /** Per attempt, ms. */
  readonly timeoutMs: number;
  /** Attempts after the first. */
  readonly maxRetries: number;
  /** Delay before the first retry, ms; doubles each time up to `maxBackoffMs`, with ±20% jitter. */
  readonly backoffMs: number;
  readonly maxBackoffMs: number;
  readonly signal: AbortSignal;
  /** Observes each failed attempt (for logs and metrics). */
  readonly onAttemptFailed?: (attempt: number, reason: string) => void;
}

/** The delivery failed for good; `attempts` says how many were made. */
export class DeliveryError extends Error {
  override readonly name = 'DeliveryError';
  readonly code = 'PNP_WEBHOOK_DELIVERY';
  constructor(
    message: string,
    readonly attempts: number,
    readonly retryable: boolean,
  ) {
    super(message);
  }
}

/** Alertmanager's rule (notify/util.go Retrier): 2xx delivered, 5xx and 429 retried, other codes final. */
export function classifyStatus(status: number): AttemptResult {
  if (status >= 200 && status < 300) return { ok: true };
  return { ok: false, retry: status >= 500 || status === 429, reason: `HTTP ${status}` };
}

async function attempt(o: DeliveryOptions): Promise<AttemptResult> {
  const signal = AbortSignal.any([o.signal, AbortSignal.timeout(o.timeoutMs)]);
  try {
    const res = await fetch(o.url, { method: 'POST', body: o.body, headers: o.headers, signal, redirect: 'follow' });
    // Drain so the connection can be reused; the body is not needed.
    await res.arrayBuffer().catch(() => undefined);
    return classifyStatus(res.status);
  } catch (err) {
    if (o.signal.aborted) return { ok: false, retry: false, reason: 'cancelled' };
    const e = err as Error & { cause?: { code?: string; message?: string } };
    const reason = e.name === 'TimeoutError' ? `no answer within ${o.timeoutMs} ms` : (e.cause?.code ?? e.cause?.message ?? e.message);
    return { ok: false, retry: true, reason };
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const t = setTimeout(done, ms);
    function done(): void {
      clearTimeout(t);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}

/** POSTs with retries and exponential backoff; resolves when delivered, rejects with DeliveryError. */
export async function deliver(o: DeliveryOptions): Promise<void> {
  let backoff = o.backoffMs;
  for (let n = 1; ; n++) {
    const r = await attempt(o);
    if (r.ok) return;
    o.onAttemptFailed?.(n, r.reason);
    if (!r.retry || n > o.maxRetries || o.signal.aborted) {
      const why = r.retry ? `gave up after ${n} attempts` : 'not retried';
      throw new DeliveryError(`webhook ${redactUrl(o.url)}: ${r.reason} (${why})`, n, r.retry);
    }
    await sleep(backoff * (0.8 + Math.random() * 0.4), o.signal);
    backoff = Math.min(o.maxBackoffMs, backoff * 2);
  }
}

/** The URL without credentials or query (tokens often live there), for messages. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}${u.pathname}${u.search ? '?<redacted>' : ''}`;
  } catch {
    return '<invalid url>';
  }
}

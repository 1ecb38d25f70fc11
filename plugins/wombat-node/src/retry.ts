/**
 * How a client retries requests that the server asks to be retried.
 *
 * @public
 */
export interface RetryOptions {
  /** Retries after the first attempt; default 4. */
  retries?: number;
  /** Wait before the first retry, doubled each time; default 500 ms. */
  baseDelayMs?: number;
  /** The longest single wait, also for a Retry-After header; default 10 s. */
  maxDelayMs?: number;
}

/**
 * Statuses that mean "try again later": rate limiting and a gateway or the
 * service itself being briefly unavailable. Anything else is an answer, and
 * retrying a non-idempotent request on it could do the work twice.
 */
export const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([429, 502, 503]);

function retryAfterMs(response: Response): number | undefined {
  const header = response.headers.get('retry-after');
  if (!header) {
    return undefined;
  }
  const seconds = Number(header);
  if (Number.isFinite(seconds)) {
    return seconds * 1000;
  }
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

/**
 * Runs `send` (which must build a fresh request each time) and retries it
 * with exponential backoff while the answer is 429, 502 or 503, honouring
 * Retry-After. Returns the last response, whatever its status.
 *
 * @public
 */
export async function fetchWithRetry(
  send: () => Promise<Response>,
  options: RetryOptions = {},
): Promise<Response> {
  const retries = options.retries ?? 4;
  const baseDelayMs = options.baseDelayMs ?? 500;
  const maxDelayMs = options.maxDelayMs ?? 10_000;
  for (let attempt = 0; ; attempt++) {
    const response = await send();
    if (!RETRYABLE_STATUSES.has(response.status) || attempt >= retries) {
      return response;
    }
    const delay = Math.min(
      retryAfterMs(response) ?? baseDelayMs * 2 ** attempt,
      maxDelayMs,
    );
    // The body is not needed; release the connection without waiting on it.
    response.body?.cancel().catch(() => undefined);
    await new Promise(resolve => setTimeout(resolve, delay));
  }
}

/**
 * Like fetchWithRetry, for clients that throw instead of returning a
 * response: retries `call` while `statusOf` finds 429, 502 or 503 in what it
 * threw, then rethrows the last error.
 *
 * @public
 */
export async function callWithRetry<T>(
  call: () => Promise<T>,
  statusOf: (error: unknown) => number | undefined,
  options: RetryOptions = {},
): Promise<T> {
  const retries = options.retries ?? 4;
  const baseDelayMs = options.baseDelayMs ?? 500;
  const maxDelayMs = options.maxDelayMs ?? 10_000;
  for (let attempt = 0; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      const status = statusOf(error);
      if (
        status === undefined ||
        !RETRYABLE_STATUSES.has(status) ||
        attempt >= retries
      ) {
        throw error;
      }
      await new Promise(resolve =>
        setTimeout(resolve, Math.min(baseDelayMs * 2 ** attempt, maxDelayMs)),
      );
    }
  }
}

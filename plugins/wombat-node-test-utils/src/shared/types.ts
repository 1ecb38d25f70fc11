import type { HttpHandler } from 'msw';

/**
 * One request received by a fake, recorded in arrival order.
 *
 * @public
 */
export type FakeRequest = {
  /** Upper-case HTTP method. */
  method: string;
  /** Raw (still percent-encoded) pathname after the API prefix, e.g. `/projects/group%2Fproj`. */
  path: string;
  /** Decoded query parameters; the last value wins when a name repeats. */
  query: Record<string, string>;
  /** Parsed JSON (or form) body, the raw text when it could not be parsed, `undefined` when empty. */
  body: unknown;
};

/**
 * Selects the requests that {@link FakeCommon.failNext} turns into errors.
 *
 * @public
 */
export type FailureMatch = {
  /** HTTP method, compared case-insensitively. */
  method: string;
  /** Tested against the raw pathname after the API prefix, e.g. `/projects/group%2Fproj`. */
  path: RegExp;
};

/**
 * What every fake server offers to a test.
 *
 * @public
 */
export interface FakeCommon {
  /** Root URL of the fake server, without the API prefix. */
  baseUrl: string;
  /** msw handlers to pass to `setupServer(...)` or `server.use(...)`. */
  handlers: HttpHandler[];
  /**
   * Every request received, in order, so a test can assert for example that no
   * write happened (no method other than GET or HEAD).
   */
  requests: FakeRequest[];
  /**
   * Requests the real server would refuse as malformed or that break its
   * documented contract (invalid body, missing credentials, unencoded path,
   * ignored parameter...). Answers that depend only on server state, such as
   * "not found" or "already exists", are not violations. Tests assert that
   * this stays empty.
   */
  violations: string[];
  /**
   * Makes the next `times` (default 1) requests matching `match` answer
   * `status` with the server's usual error body, before any state is read or
   * changed.
   */
  failNext(match: FailureMatch, status: number, times?: number): void;
  /**
   * The answer a failed request gets from this server: the status with the
   * server's error body for that method and path (the raw pathname after the
   * API prefix), exactly as `failNext` renders it.
   */
  errorResponse(status: number, method: string, path: string): Response;
}

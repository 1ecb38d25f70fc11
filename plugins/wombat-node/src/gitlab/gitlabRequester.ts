import {
  RequestOptions,
  ResourceOptions,
  createRequesterFn,
  getMatchingRateLimiter,
} from '@gitbeaker/requester-utils';
import { errorForStatus } from '../errors';
import { RetryOptions, fetchWithRetry } from '../retry';

/*
 * gitbeaker's own request handler retries 429 and 502 only, waiting
 * 0.25 ms * 2^n between attempts, and wraps every other failure in a generic
 * error. This handler does the same requests through fetchWithRetry (real
 * backoff, 503 too) and turns failures into Backstage errors that say what
 * GitLab said, so every GitLab call in Wombat fails the same way.
 */

async function parseBody(response: Response) {
  if (response.status === 204) {
    return null;
  }
  const contentType = (response.headers.get('content-type') ?? '')
    .split(';')[0]
    .trim();
  if (contentType === 'application/json') {
    return (await response.json()) || {};
  }
  if (contentType.startsWith('text/')) {
    return (await response.text()) || '';
  }
  return response.blob();
}

/**
 * What GitLab said in an error body: `{"message": "..."}`, `{"error": "..."}`
 * or validation errors as `{"message": {"path": ["has already been taken"]}}`.
 */
export function describeGitLabError(body: string): string {
  try {
    const parsed = JSON.parse(body);
    const content = parsed?.message ?? parsed?.error ?? body;
    if (typeof content === 'string') {
      return content;
    }
    return Object.entries(content as Record<string, unknown>)
      .map(([field, problems]) =>
        `${field} ${([] as unknown[]).concat(problems).join(', ')}`.trim(),
      )
      .join('; ');
  } catch {
    return body.trim() || '(no message)';
  }
}

async function gitlabError(method: string, url: URL, response: Response) {
  const description = describeGitLabError(await response.text());
  // "has already been taken" comes as a 400 from GitLab, but it is a
  // conflict with something that exists, and callers treat it as one.
  const status =
    response.status === 400 && description.includes('has already been taken')
      ? 409
      : response.status;
  return errorForStatus(
    status,
    `GitLab ${method} ${decodeURIComponent(url.pathname)} failed with ${
      response.status
    }: ${description}`,
  );
}

/**
 * A gitbeaker requesterFn with retries on 429/502/503 and Backstage errors.
 *
 * @public
 */
export function createGitLabRequesterFn(retry?: RetryOptions) {
  return createRequesterFn(
    (_serviceOptions: ResourceOptions, requestOptions: RequestOptions) =>
      Promise.resolve(requestOptions),
    async (endpoint: string, options?: Record<string, unknown>) => {
      const {
        rateLimiters,
        asStream,
        prefixUrl,
        searchParams,
        method,
        agent: _agent,
        ...init
      } = (options ?? {}) as Record<string, any>;
      const base = String(prefixUrl ?? '');
      const url = new URL(endpoint, base.endsWith('/') ? base : `${base}/`);
      url.search = searchParams || '';
      const rateLimit = getMatchingRateLimiter(endpoint, rateLimiters, method);
      const response = await fetchWithRetry(async () => {
        await rateLimit();
        return fetch(new Request(url, { ...init, method }));
      }, retry);
      if (!response.ok) {
        throw await gitlabError(method, url, response);
      }
      const headers = Object.fromEntries(response.headers.entries());
      const body = asStream ? response.body : await parseBody(response);
      return { body, headers, status: response.status } as any;
    },
  );
}

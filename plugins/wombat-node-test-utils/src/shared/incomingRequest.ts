/**
 * The parts of an HTTP request that the fakes route and validate on.
 */
export interface IncomingRequest {
  method: string;
  url: URL;
  headers: Headers;
  /** Raw (percent-encoded) pathname after the API prefix. */
  apiPath: string;
  query: Record<string, string>;
  body: unknown;
  /** Set when a body was sent that could not be parsed. */
  bodyParseError?: string;
}

/**
 * Reads a request once; msw hands over a fetch `Request` whose body can only
 * be consumed a single time.
 */
export async function readIncomingRequest(
  request: Request,
  apiPrefixPath: string,
): Promise<IncomingRequest> {
  const url = new URL(request.url);
  const apiPath = url.pathname.slice(apiPrefixPath.length) || '/';
  const query: Record<string, string> = {};
  url.searchParams.forEach((value, key) => {
    query[key] = value;
  });
  const text = await request.text();
  const parsed = parseBody(text, request.headers.get('content-type') ?? '');
  return {
    method: request.method.toUpperCase(),
    url,
    headers: request.headers,
    apiPath,
    query,
    ...parsed,
  };
}

function parseBody(
  text: string,
  contentType: string,
): { body: unknown; bodyParseError?: string } {
  if (text === '') {
    return { body: undefined };
  }
  if (contentType.includes('application/x-www-form-urlencoded')) {
    return { body: Object.fromEntries(new URLSearchParams(text)) };
  }
  try {
    return { body: JSON.parse(text) };
  } catch (error) {
    return { body: text, bodyParseError: (error as Error).message };
  }
}

/** Path part of a base URL without a trailing slash, e.g. '' or '/gitlab'. */
export function basePathOf(baseUrl: string): string {
  return new URL(baseUrl).pathname.replace(/\/+$/, '');
}

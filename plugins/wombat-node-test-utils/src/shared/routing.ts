/** Raw (percent-encoded) values of the `:name` segments of a route pattern. */
export type RouteParams = Record<string, string>;

/**
 * A route of a fake server: `pattern` is a path such as
 * `/projects/:id/members/:user_id`, where each `:name` matches exactly one
 * non-empty segment, like the real routers do (an unencoded `/` inside a
 * value therefore makes the route not match).
 */
export interface Route<Context> {
  method: string;
  pattern: string;
  handle(context: Context, params: RouteParams): Response | Promise<Response>;
}

/** Finds the first route matching the method and raw path. */
export function findRoute<Context>(
  routes: ReadonlyArray<Route<Context>>,
  method: string,
  path: string,
): { route: Route<Context>; params: RouteParams } | undefined {
  for (const route of routes) {
    if (route.method !== method) {
      continue;
    }
    const params = matchPattern(route.pattern, path);
    if (params) {
      return { route, params };
    }
  }
  return undefined;
}

/** Matches one pattern against a raw path, segment by segment. */
export function matchPattern(
  pattern: string,
  path: string,
): RouteParams | undefined {
  const expected = splitPath(pattern);
  const actual = splitPath(path);
  if (expected.length !== actual.length) {
    return undefined;
  }
  const params: RouteParams = {};
  for (let i = 0; i < expected.length; i++) {
    const segment = expected[i];
    if (segment.startsWith(':')) {
      if (actual[i] === '') {
        return undefined;
      }
      params[segment.slice(1)] = actual[i];
    } else if (segment !== actual[i]) {
      return undefined;
    }
  }
  return params;
}

/**
 * Matches the path as if the given parameter could span several segments,
 * which is what a client produces when it forgets to URL-encode a full path.
 * The parameter comes back encoded, as a correct client would have sent it.
 */
export function matchWithUnencodedParam(
  pattern: string,
  path: string,
  param: string,
): RouteParams | undefined {
  const expected = splitPath(pattern);
  const actual = splitPath(path);
  const index = expected.indexOf(`:${param}`);
  const extra = actual.length - expected.length;
  if (index < 0 || extra < 1) {
    return undefined;
  }
  const joined = [
    ...actual.slice(0, index),
    actual.slice(index, index + extra + 1).join('%2F'),
    ...actual.slice(index + extra + 1),
  ];
  return matchPattern(pattern, `/${joined.join('/')}`);
}

/** Decodes one raw path segment; `undefined` when it is malformed. */
export function decodeSegment(raw: string): string | undefined {
  try {
    return decodeURIComponent(raw);
  } catch {
    return undefined;
  }
}

function splitPath(path: string): string[] {
  return path.replace(/^\/+/, '').split('/');
}

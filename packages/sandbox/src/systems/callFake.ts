import { getResponse, type HttpHandler } from 'msw';

/**
 * Sends one request to a simulator's handlers in-process and returns the
 * parsed answer; anything but a 2xx is an error. The sandbox seeds itself
 * this way, through the same code paths as any client, so seeded objects
 * look exactly like created ones.
 */
export async function callFake(
  handlers: HttpHandler[],
  url: string,
  init: { method: string; headers: Record<string, string>; body?: unknown },
): Promise<{ status: number; headers: Headers; body: any }> {
  const request = new Request(url, {
    method: init.method,
    headers: {
      ...(init.body !== undefined
        ? { 'content-type': 'application/json' }
        : {}),
      ...init.headers,
    },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const response = await getResponse(handlers, request);
  if (!response) {
    throw new Error(`No simulator answers ${init.method} ${url}`);
  }
  const text = await response.text();
  if (!response.ok) {
    throw new Error(
      `Seeding failed: ${init.method} ${url} answered ${response.status}: ${text}`,
    );
  }
  return {
    status: response.status,
    headers: response.headers,
    body: text ? JSON.parse(text) : undefined,
  };
}

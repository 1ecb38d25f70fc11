import type { IncomingMessage, ServerResponse } from 'http';

/**
 * Reads a Node request into a Fetch API Request on `origin`, the base URL
 * the simulator's handlers answer on, whatever Host the client used.
 */
export async function toFetchRequest(
  req: IncomingMessage,
  origin: string,
): Promise<Request> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) {
    chunks.push(chunk as Buffer);
  }
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (Array.isArray(value)) value.forEach(v => headers.append(name, v));
    else if (value !== undefined) headers.set(name, value);
  }
  const method = req.method ?? 'GET';
  const hasBody = method !== 'GET' && method !== 'HEAD' && chunks.length > 0;
  return new Request(new URL(req.url ?? '/', origin), {
    method,
    headers,
    body: hasBody ? Buffer.concat(chunks) : undefined,
  });
}

/** Writes a Fetch API Response to a Node response, status line included. */
export async function sendFetchResponse(
  res: ServerResponse,
  response: Response,
): Promise<void> {
  const headers: Record<string, string | string[]> = {};
  response.headers.forEach((value, name) => {
    // fetch joins repeated headers with ", "; Set-Cookie must stay apart.
    headers[name] =
      name === 'set-cookie' ? response.headers.getSetCookie() : value;
  });
  const body = Buffer.from(await response.arrayBuffer());
  // The simulators' bodies are complete; never send a stale length or encoding.
  delete headers['content-length'];
  delete headers['transfer-encoding'];
  res.writeHead(response.status, response.statusText || undefined, {
    ...headers,
    'content-length': String(body.length),
  });
  res.end(body);
}

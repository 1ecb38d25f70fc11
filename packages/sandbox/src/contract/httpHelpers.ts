/**
 * Plain HTTP for the contract tests: requests built by hand, exactly as the
 * real APIs expect them, and answers read without any client library.
 */

/** An answer as it came over the wire. */
export interface HttpAnswer {
  status: number;
  /** The reason phrase of the status line. */
  statusText: string;
  headers: Headers;
  /** The raw body, '' when there is none. */
  text: string;
  /** The body parsed as JSON; undefined when it is empty or not JSON. */
  json: any;
}

export async function send(
  url: string,
  init: RequestInit = {},
): Promise<HttpAnswer> {
  const response = await fetch(url, init);
  const text = await response.text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
    text,
    json,
  };
}

export function basicAuth(username: string, password: string): string {
  return `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
}

/**
 * Calls `attempt` every `intervalMs` until it returns a value other than
 * undefined, and returns that; fails after `timeoutMs`.
 */
export async function pollUntil<T>(
  attempt: () => Promise<T | undefined>,
  options: { timeoutMs?: number; intervalMs?: number; what: string },
): Promise<T> {
  const deadline = Date.now() + (options.timeoutMs ?? 5000);
  for (;;) {
    const result = await attempt();
    if (result !== undefined) {
      return result;
    }
    if (Date.now() > deadline) {
      throw new Error(`Timed out waiting for ${options.what}`);
    }
    await new Promise(resolve => setTimeout(resolve, options.intervalMs ?? 5));
  }
}

/** A syntactically valid OpenSSH ed25519 public key (not anyone's key). */
export const SSH_PUBLIC_KEY =
  'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAICoqKioqKioqKioqKioqKioqKioqKioqKioqKioqKioq jdoe@laptop';

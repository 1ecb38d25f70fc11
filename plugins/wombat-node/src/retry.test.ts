import { fetchWithRetry } from './retry';

function responses(
  ...statuses: Array<number | [number, Record<string, string>]>
) {
  const sent: number[] = [];
  const send = jest.fn(async () => {
    const next = statuses[Math.min(sent.length, statuses.length - 1)];
    const [status, headers] = Array.isArray(next) ? next : [next, {}];
    sent.push(status);
    return new Response(status === 204 ? null : 'body', { status, headers });
  });
  return { send, sent };
}

describe('fetchWithRetry', () => {
  it.each([429, 502, 503])(
    'retries %i and returns the answer that follows',
    async status => {
      const { send, sent } = responses(status, status, 200);
      const response = await fetchWithRetry(send, { baseDelayMs: 1 });
      expect(response.status).toBe(200);
      expect(sent).toEqual([status, status, 200]);
    },
  );

  it.each([400, 401, 403, 404, 409, 500, 504])(
    'does not retry %i',
    async status => {
      const { send } = responses(status, 200);
      const response = await fetchWithRetry(send, { baseDelayMs: 1 });
      expect(response.status).toBe(status);
      expect(send).toHaveBeenCalledTimes(1);
    },
  );

  it('gives up after the configured retries and returns the last answer', async () => {
    const { send } = responses(503);
    const response = await fetchWithRetry(send, { retries: 2, baseDelayMs: 1 });
    expect(response.status).toBe(503);
    expect(send).toHaveBeenCalledTimes(3);
  });

  it('waits as long as Retry-After says, within the cap', async () => {
    const { send } = responses([429, { 'retry-after': '1' }], 200);
    const started = Date.now();
    await fetchWithRetry(send, { baseDelayMs: 1, maxDelayMs: 50 });
    const waited = Date.now() - started;
    expect(waited).toBeGreaterThanOrEqual(45);
    expect(waited).toBeLessThan(900);
  });

  it('backs off exponentially', async () => {
    const { send } = responses(503, 503, 503, 200);
    const started = Date.now();
    await fetchWithRetry(send, { baseDelayMs: 20 });
    // 20 + 40 + 80 ms
    expect(Date.now() - started).toBeGreaterThanOrEqual(130);
  });
});

import type { FailureMatch } from './types';

type PendingFailure = {
  match: FailureMatch;
  status: number;
  remaining: number;
};

/**
 * Failures that tests schedule with `failNext`, consumed in the order they
 * were scheduled so that overlapping matches behave predictably.
 */
export class ScheduledFailures {
  private readonly pending: PendingFailure[] = [];

  add(match: FailureMatch, status: number, times = 1): void {
    if (!Number.isInteger(status) || status < 100 || status > 599) {
      throw new Error(`failNext needs an HTTP status, got ${status}`);
    }
    if (!Number.isInteger(times) || times < 1) {
      throw new Error(
        `failNext needs a positive number of times, got ${times}`,
      );
    }
    this.pending.push({ match, status, remaining: times });
  }

  /** Returns the status to fail with, consuming one use, or `undefined`. */
  take(method: string, path: string): number | undefined {
    const index = this.pending.findIndex(
      ({ match }) =>
        match.method.toUpperCase() === method.toUpperCase() &&
        testWithoutState(match.path, path),
    );
    if (index < 0) {
      return undefined;
    }
    const failure = this.pending[index];
    failure.remaining -= 1;
    if (failure.remaining === 0) {
      this.pending.splice(index, 1);
    }
    return failure.status;
  }
}

// A RegExp with the g or y flag remembers lastIndex between test() calls.
function testWithoutState(pattern: RegExp, value: string): boolean {
  pattern.lastIndex = 0;
  return pattern.test(value);
}

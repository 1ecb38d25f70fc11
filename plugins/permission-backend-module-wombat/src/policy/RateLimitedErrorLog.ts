import { LoggerService } from '@backstage/backend-plugin-api';

/**
 * Logs a denial's cause at most once a minute per message, and keeps at
 * most a hundred messages: a failure that goes on is seen again every
 * minute, and a flood of different ones cannot grow memory.
 */
export class RateLimitedErrorLog {
  private readonly lastLogged = new Map<string, number>();

  constructor(
    private readonly logger: LoggerService,
    private readonly intervalMs = 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  error(message: string): void {
    const at = this.now();
    const last = this.lastLogged.get(message);
    if (last !== undefined && at - last < this.intervalMs) {
      return;
    }
    if (this.lastLogged.size >= 100) {
      this.lastLogged.clear();
    }
    this.lastLogged.set(message, at);
    this.logger.error(message);
  }
}

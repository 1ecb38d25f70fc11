import type { IncomingRequest } from '../shared/incomingRequest';
import type { Route } from '../shared/routing';
import type { HarborState } from './HarborState';

/** What a Harbor route handler gets for one request. */
export interface HarborContext {
  state: HarborState;
  request: IncomingRequest;
  /** The body, already validated against the swagger. */
  body: any;
  /** The authenticated user (always the system administrator). */
  username: string;
  violation(message: string): void;
}

/** A route of the Harbor fake. */
export type HarborRoute = Route<HarborContext>;

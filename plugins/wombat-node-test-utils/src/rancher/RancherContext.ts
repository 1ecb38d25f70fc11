import type { IncomingRequest } from '../shared/incomingRequest';
import type { Route } from '../shared/routing';
import type { RancherState } from './RancherState';

/** What a v3 route handler gets for one request. */
export interface RancherContext {
  state: RancherState;
  request: IncomingRequest;
  /** Root of the fake, for `links`. */
  baseUrl: string;
  /** The user the token belongs to. */
  creatorId: string;
  violation(message: string): void;
  /**
   * The downstream clusters' next resource version, for the objects
   * Rancher's controllers create there.
   */
  nextResourceVersion(): string;
}

/** A route of the v3 API. */
export type RancherRoute = Route<RancherContext>;

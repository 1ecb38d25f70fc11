import type { IncomingRequest } from '../shared/incomingRequest';
import type { Route } from '../shared/routing';
import type { GitLabRepositories } from './GitLabRepositories';
import type { GitLabState, GitLabUser } from './GitLabState';

/** What a GitLab route handler gets for one request. */
export interface GitLabContext {
  state: GitLabState;
  /** Root URL of the instance, e.g. `https://gitlab.example.com`. */
  baseUrl: string;
  request: IncomingRequest;
  /**
   * Query and body parameters merged, body winning, the way Grape builds
   * `params`. Only snake_case keys are kept: GitLab ignores the rest.
   */
  params: Record<string, unknown>;
  /** The user the token belongs to. */
  currentUser: GitLabUser;
  /** Repository contents, when the fake has them. */
  repositories?: GitLabRepositories;
  violation(message: string): void;
}

/** A route of the GitLab fake. */
export type GitLabRoute = Route<GitLabContext>;

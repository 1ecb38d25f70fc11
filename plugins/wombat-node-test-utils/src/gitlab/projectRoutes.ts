import type { GitLabContext } from './GitLabContext';
import type { GitLabProject } from './GitLabState';
import { findProject } from './lookup';
import { gitlabNotFound } from './responses';

/**
 * Runs a project-scoped handler, answering `404 Project Not Found` when the
 * `:id` names no project.
 */
export function withProject<R extends Response | Promise<Response>>(
  context: GitLabContext,
  rawId: string,
  handle: (project: GitLabProject) => R,
): R | Response {
  const project = findProject(context.state, rawId);
  return project ? handle(project) : gitlabNotFound('Project');
}

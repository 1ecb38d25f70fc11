import type { GitLabContext, GitLabRoute } from '../GitLabContext';
import type { GitLabProject } from '../GitLabState';
import { findGroup, findUserByRawId } from '../lookup';
import { paginatedJson } from '../pagination';
import { gitlabNotFound } from '../responses';
import { groupJson, projectJson } from '../serializers';

/** `search` filters names and paths case-insensitively, as GitLab's finders do. */
function matchesSearch(context: GitLabContext, ...values: string[]): boolean {
  const search = context.request.query.search?.toLowerCase();
  return !search || values.some(value => value.toLowerCase().includes(search));
}

function projectList(context: GitLabContext, projects: GitLabProject[]) {
  return paginatedJson(
    context,
    projects.filter(p => matchesSearch(context, p.name, p.path_with_namespace)),
    project => projectJson(project, context.state, context.baseUrl),
  );
}

/**
 * Lists a person browses, and Backstage's GitLab autocompletion reads:
 * `GET /groups`, `GET /projects`, `GET /groups/:id/projects` and
 * `GET /users/:id/projects`. The token's user is an administrator, so every
 * group and project is listed.
 */
export const listingRoutes: GitLabRoute[] = [
  {
    method: 'GET',
    pattern: '/groups',
    handle: context =>
      paginatedJson(
        context,
        context.state.namespaces.filter(
          n =>
            n.kind === 'group' && matchesSearch(context, n.name, n.full_path),
        ),
        group => groupJson(group, context.state, context.baseUrl),
      ),
  },
  {
    method: 'GET',
    pattern: '/projects',
    handle: context => projectList(context, context.state.projects),
  },
  {
    method: 'GET',
    pattern: '/groups/:id/projects',
    handle(context, { id }) {
      const group = findGroup(context.state, id);
      if (!group) return gitlabNotFound('Group');
      return projectList(
        context,
        context.state.projects.filter(p => p.namespace_id === group.id),
      );
    },
  },
  {
    method: 'GET',
    pattern: '/users/:id/projects',
    handle(context, { id }) {
      const user = findUserByRawId(context.state, id);
      if (!user) return gitlabNotFound('User');
      return projectList(
        context,
        context.state.projects.filter(
          p => p.namespace_id === user.namespace_id,
        ),
      );
    },
  },
];

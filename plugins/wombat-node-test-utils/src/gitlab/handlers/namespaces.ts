import type { GitLabRoute } from '../GitLabContext';
import { findNamespace } from '../lookup';
import { gitlabJson, gitlabNotFound } from '../responses';
import { namespaceJson } from '../serializers';

/** `GET /namespaces/:id`: groups and users' personal namespaces. */
export const namespaceRoutes: GitLabRoute[] = [
  {
    method: 'GET',
    pattern: '/namespaces/:id',
    handle(context, { id }) {
      const namespace = findNamespace(context.state, id);
      return namespace
        ? gitlabJson(namespaceJson(namespace, context.baseUrl))
        : gitlabNotFound('Namespace');
    },
  },
];

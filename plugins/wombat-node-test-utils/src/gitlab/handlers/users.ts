import type { GitLabRoute } from '../GitLabContext';
import { findUserByRawId, findUserByUsername } from '../lookup';
import { gitlabJson, gitlabNotFound } from '../responses';
import { paginatedJson } from '../pagination';
import { userJson } from '../serializers';

/**
 * `GET /users?username=x` (an exact, case-insensitive match, as a list),
 * `GET /users/:id` and `GET /user`, the token's owner.
 */
export const userRoutes: GitLabRoute[] = [
  {
    method: 'GET',
    pattern: '/user',
    handle: context =>
      gitlabJson(userJson(context.currentUser, context.baseUrl)),
  },
  {
    method: 'GET',
    pattern: '/users/:id',
    handle(context, { id }) {
      const user = findUserByRawId(context.state, id);
      return user
        ? gitlabJson(userJson(user, context.baseUrl))
        : gitlabNotFound('User');
    },
  },
  {
    method: 'GET',
    pattern: '/users',
    handle(context) {
      const { username } = context.request.query;
      const users =
        username === undefined
          ? context.state.users
          : [findUserByUsername(context.state, username)].filter(
              user => user !== undefined,
            );
      return paginatedJson(context, users, user =>
        userJson(user, context.baseUrl),
      );
    },
  },
];

import type { GitLabRoute } from '../GitLabContext';
import { findUserByUsername } from '../lookup';
import { paginatedJson } from '../pagination';
import { userJson } from '../serializers';

/** `GET /users?username=x`: an exact, case-insensitive match, as a list. */
export const userRoutes: GitLabRoute[] = [
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

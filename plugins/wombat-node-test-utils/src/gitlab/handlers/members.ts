import { MEMBER_ACCESS_LEVELS } from '../accessLevels';
import type { GitLabContext, GitLabRoute } from '../GitLabContext';
import type { GitLabProject, GitLabUser } from '../GitLabState';
import { findUserById, findUserByUsername } from '../lookup';
import { paginatedJson } from '../pagination';
import {
  atLeastOneOf,
  isAbsent,
  missingParams,
  readAccessLevel,
  readString,
} from '../params';
import { withProject } from '../projectRoutes';
import {
  gitlabJson,
  gitlabMessage,
  gitlabNotFound,
  grapeError,
} from '../responses';
import { memberJson } from '../serializers';
import { decodeSegment } from '../../shared/routing';

/** Direct members of a project: list, add, change access level. */
export const memberRoutes: GitLabRoute[] = [
  {
    method: 'GET',
    pattern: '/projects/:id/members',
    handle(context, { id }) {
      return withProject(context, id, project =>
        paginatedJson(context, project.members, member =>
          memberJson(member, context.baseUrl),
        ),
      );
    },
  },
  {
    method: 'POST',
    pattern: '/projects/:id/members',
    handle(context, { id }) {
      return withProject(context, id, project => addMember(context, project));
    },
  },
  {
    method: 'PUT',
    pattern: '/projects/:id/members/:user_id',
    handle(context, { id, user_id: rawUserId }) {
      return withProject(context, id, project =>
        editMember(context, project, rawUserId),
      );
    },
  },
];

function addMember(context: GitLabContext, project: GitLabProject): Response {
  const { params } = context;
  const missing = [
    missingParams(params, ['access_level']),
    atLeastOneOf(params, ['user_id', 'username']),
  ]
    .filter(Boolean)
    .join(', ');
  if (missing) {
    context.violation(`POST members: ${missing}`);
    return grapeError(missing);
  }
  const level = readAccessLevel(params, 'access_level', MEMBER_ACCESS_LEVELS);
  if (level.error) {
    context.violation(
      `POST members: ${level.error} (${JSON.stringify(params.access_level)})`,
    );
    return grapeError(level.error);
  }
  const user = userToAdd(context);
  if (!user) {
    return gitlabNotFound('User');
  }
  if (project.members.some(member => member.id === user.id)) {
    return gitlabMessage(409, 'Member already exists');
  }
  const member = {
    id: user.id,
    username: user.username,
    name: user.name,
    access_level: level.value!,
    created_at: new Date().toISOString(),
  };
  project.members.push(member);
  return gitlabJson(memberJson(member, context.baseUrl), 201);
}

/**
 * `user_id` is an integer or a comma-separated string of ids; `username`
 * names one user.
 */
function userToAdd(context: GitLabContext): GitLabUser | undefined {
  const { params, state } = context;
  if (!isAbsent(params.user_id)) {
    const ids = String(params.user_id)
      .split(',')
      .map(id => id.trim());
    if (ids.length > 1) {
      context.violation(
        'POST members: several user ids at once answer a status summary, not a member; add members one by one',
      );
    }
    return /^\d+$/.test(ids[0])
      ? findUserById(state, Number(ids[0]))
      : undefined;
  }
  const username = readString(params, 'username').value;
  return username === undefined
    ? undefined
    : findUserByUsername(state, username);
}

function editMember(
  context: GitLabContext,
  project: GitLabProject,
  rawUserId: string,
): Response {
  const missing = missingParams(context.params, ['access_level']);
  if (missing) {
    context.violation(`PUT members: ${missing}`);
    return grapeError(missing);
  }
  const level = readAccessLevel(
    context.params,
    'access_level',
    MEMBER_ACCESS_LEVELS,
  );
  if (level.error) {
    context.violation(
      `PUT members: ${level.error} (${JSON.stringify(
        context.params.access_level,
      )})`,
    );
    return grapeError(level.error);
  }
  const userId = Number(decodeSegment(rawUserId));
  const member = project.members.find(m => m.id === userId);
  if (!member) {
    return gitlabNotFound('Member');
  }
  member.access_level = level.value!;
  return gitlabJson(memberJson(member, context.baseUrl));
}

import type { HarborContext, HarborRoute } from '../HarborContext';
import type { HarborMember, HarborProject } from '../HarborState';
import { nextHarborId } from '../HarborState';
import { harborPage } from '../pagination';
import { withHarborProject } from '../projectReference';
import {
  badRequest,
  conflict,
  createdAt,
  harborStatusError,
  notFound,
} from '../responses';
import { ROLE_NAMES } from '../roles';
import { memberJson } from '../serializers';

/** Project members: list (with `entityname`) and add. */
export const memberRoutes: HarborRoute[] = [
  {
    method: 'GET',
    pattern: '/projects/:project_name_or_id/members',
    handle(context, { project_name_or_id: reference }) {
      return withHarborProject(context, reference, project => {
        // Harbor filters with SQL `entity_name LIKE %x%`: a substring match.
        const entityName = context.request.query.entityname;
        const members = entityName
          ? project.members.filter(m => m.entity_name.includes(entityName))
          : project.members;
        return harborPage(context, members, memberJson);
      });
    },
  },
  {
    method: 'POST',
    pattern: '/projects/:project_name_or_id/members',
    handle(context, { project_name_or_id: reference }) {
      return withHarborProject(context, reference, project =>
        addMember(context, project),
      );
    },
  },
];

type Entity = Pick<HarborMember, 'entity_id' | 'entity_name' | 'entity_type'>;

function addMember(context: HarborContext, project: HarborProject): Response {
  const body = context.body ?? {};
  const found = findEntity(context, body);
  if ('response' in found) {
    return found.response;
  }
  const { entity } = found;
  if (
    project.members.some(
      m =>
        m.entity_type === entity.entity_type &&
        m.entity_id === entity.entity_id,
    )
  ) {
    return conflict('The project member specified already exist');
  }
  const roleId: number = body.role_id ?? 0;
  if (!ROLE_NAMES[roleId]) {
    const message = 'Failed to update project member, role is not in 1,2,3';
    context.violation(
      `POST members: role_id ${roleId} is not a Harbor role (1-5)`,
    );
    return badRequest(message);
  }
  const member: HarborMember = {
    id: nextHarborId(context.state, 'member'),
    project_id: project.project_id,
    ...entity,
    role_id: roleId,
    role_name: ROLE_NAMES[roleId],
  };
  project.members.push(member);
  return createdAt(
    `${context.request.url.pathname.replace(/\/+$/, '')}/${member.id}`,
  );
}

/**
 * The user or group a ProjectMember body names, looked up like the member
 * controller does: by user_id, group id, username, then group name.
 */
function findEntity(
  context: HarborContext,
  body: {
    member_user?: { user_id?: number; username?: string } | null;
    member_group?: { id?: number; group_name?: string } | null;
  },
): { entity: Entity } | { response: Response } {
  const { state } = context;
  const user = body.member_user ?? {};
  const group = body.member_group ?? {};
  if (user.user_id || user.username) {
    const found = state.users.find(u =>
      user.user_id ? u.user_id === user.user_id : u.username === user.username,
    );
    return found
      ? {
          entity: {
            entity_id: found.user_id,
            entity_name: found.username,
            entity_type: 'u',
          },
        }
      : {
          response: notFound(
            `user ${user.username ?? user.user_id} is not found`,
          ),
        };
  }
  if (group.id || group.group_name) {
    const found = state.groups.find(g =>
      group.id ? g.id === group.id : g.group_name === group.group_name,
    );
    return found
      ? {
          entity: {
            entity_id: found.id,
            entity_name: found.group_name,
            entity_type: 'g',
          },
        }
      : {
          response: notFound(
            `group ${group.group_name ?? group.id} is not found`,
          ),
        };
  }
  // Harbor fails with "can not get valid member entity" as a plain error.
  context.violation(
    'POST members: body names neither member_user nor member_group',
  );
  return { response: harborStatusError(500) };
}

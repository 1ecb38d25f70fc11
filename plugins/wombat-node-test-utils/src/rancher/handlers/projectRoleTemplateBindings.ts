import { randomUUID } from 'crypto';
import { randomSuffix } from '../../shared/randomSuffix';
import { decodeSegment } from '../../shared/routing';
import { rfc3339Seconds } from '../../shared/timestamps';
import { normanCollection } from '../collections';
import { NormanBody } from '../normanFields';
import { normanError, normanJson } from '../normanResponses';
import type { RancherContext, RancherRoute } from '../RancherContext';
import type {
  RancherProject,
  RancherProjectRoleTemplateBinding,
  RancherUser,
} from '../RancherState';
import { syncBindingToNamespaces } from '../projectRoleBindings';
import { invalidReference, missingRequired } from '../references';
import { isProjectRoleTemplate } from '../roleTemplates';

const BINDING_FIELDS = [
  'projectId',
  'roleTemplateId',
  'userId',
  'userPrincipalId',
  'groupId',
  'groupPrincipalId',
  'name',
  'labels',
  'annotations',
];

/** List, read and create of project role template bindings. */
export const projectRoleTemplateBindingRoutes: RancherRoute[] = [
  {
    method: 'GET',
    pattern: '/v3/projectroletemplatebindings',
    handle: context =>
      normanCollection(
        context.request,
        'projectRoleTemplateBinding',
        context.state.projectRoleTemplateBindings,
        [
          'id',
          'name',
          'projectId',
          'roleTemplateId',
          'userId',
          'userPrincipalId',
          'groupId',
          'groupPrincipalId',
        ],
      ),
  },
  {
    method: 'GET',
    pattern: '/v3/projectroletemplatebindings/:id',
    handle(context, { id: rawId }) {
      const id = decodeSegment(rawId) ?? rawId;
      const binding = context.state.projectRoleTemplateBindings.find(
        candidate => candidate.id === id,
      );
      return binding
        ? normanJson(binding)
        : normanError(
            'NotFound',
            `projectroletemplatebindings.management.cattle.io ${JSON.stringify(
              id.split(':').pop(),
            )} not found`,
          );
    },
  },
  {
    method: 'POST',
    pattern: '/v3/projectroletemplatebindings',
    handle: createBinding,
  },
];

/**
 * Order of the checks: norman's input conversion (types, then references),
 * required fields, then the rancher-webhook rule that a binding targets
 * either a user or a group. Duplicates are created, as Rancher does.
 */
function createBinding(context: RancherContext): Response {
  const where = 'POST /v3/projectroletemplatebindings';
  const refuse = (response: Response, problem: string) => {
    context.violation(`${where}: ${problem}`);
    return response;
  };
  const { state } = context;
  const input = NormanBody.from(context.request.body);
  input.dropUnknown(BINDING_FIELDS);
  const projectId = input.string('projectId');
  const roleTemplateId = input.string('roleTemplateId');
  const userId = input.string('userId');
  const userPrincipalId = input.string('userPrincipalId');
  const groupId = input.string('groupId');
  const groupPrincipalId = input.string('groupPrincipalId');
  if (input.refusal) {
    return refuse(input.refusal, 'a field has the wrong type');
  }
  if (
    projectId !== undefined &&
    !state.projects.some(project => project.id === projectId)
  ) {
    return refuse(
      invalidReference('projectId', 'project', projectId),
      `unknown project ${projectId}`,
    );
  }
  if (roleTemplateId !== undefined && !isProjectRoleTemplate(roleTemplateId)) {
    return refuse(
      invalidReference('roleTemplateId', 'roleTemplate', roleTemplateId),
      `unknown role template ${roleTemplateId}`,
    );
  }
  if (userId !== undefined && !state.users.some(user => user.id === userId)) {
    return refuse(
      invalidReference('userId', 'user', userId),
      `unknown user ${userId}`,
    );
  }
  if (groupId !== undefined) {
    return refuse(
      invalidReference('groupId', 'group', groupId),
      `unknown group ${groupId}`,
    );
  }
  for (const [field, principal] of [
    ['userPrincipalId', userPrincipalId],
    ['groupPrincipalId', groupPrincipalId],
  ] as const) {
    if (principal !== undefined && !state.principals.includes(principal)) {
      return refuse(
        invalidReference(field, 'principal', principal),
        `unknown principal ${principal}`,
      );
    }
  }
  if (projectId === undefined) {
    return refuse(missingRequired('projectId'), 'projectId is required');
  }
  if (roleTemplateId === undefined) {
    return refuse(
      missingRequired('roleTemplateId'),
      'roleTemplateId is required',
    );
  }
  const targetsUser = userId !== undefined || userPrincipalId !== undefined;
  const targetsGroup = groupPrincipalId !== undefined;
  if (targetsUser === targetsGroup) {
    const message =
      'binding must target either a user [userId]/[userPrincipalId] OR a group [groupId]/[groupPrincipalId]';
    return refuse(
      normanError(targetsUser ? 'InvalidFormat' : 'MissingRequired', message),
      message,
    );
  }
  let user: RancherUser | undefined;
  if (targetsUser) {
    user =
      userPrincipalId !== undefined
        ? userForPrincipal(context, userPrincipalId)
        : state.users.find(u => u.id === userId);
    if (userId !== undefined && user?.id !== userId) {
      const message = `userId ${userId} and userPrincipalId ${userPrincipalId} are different users`;
      return refuse(normanError('InvalidFormat', message, 'userId'), message);
    }
  }
  for (const problem of input.contractProblems()) {
    context.violation(`${where}: ${problem}`);
  }
  const binding = storeBinding(context, projectId, `prtb-${randomSuffix()}`, {
    roleTemplateId,
    ...(user
      ? {
          userId: user.id,
          userPrincipalId: userPrincipalId ?? user.principalIds[0],
        }
      : {}),
    ...(groupPrincipalId !== undefined ? { groupPrincipalId } : {}),
  });
  return normanJson(binding, 201);
}

/** The user of a principal; Rancher creates one for a new external principal. */
function userForPrincipal(
  context: RancherContext,
  principalId: string,
): RancherUser {
  const existing = context.state.users.find(user =>
    user.principalIds.includes(principalId),
  );
  if (existing) {
    return existing;
  }
  const user = { id: `u-${randomSuffix()}`, principalIds: [principalId] };
  context.state.users.push(user);
  return user;
}

function storeBinding(
  context: RancherContext,
  projectId: string,
  name: string,
  subject: Pick<
    RancherProjectRoleTemplateBinding,
    'roleTemplateId' | 'userId' | 'userPrincipalId' | 'groupPrincipalId'
  >,
): RancherProjectRoleTemplateBinding {
  const id = `${projectId.split(':').pop()}:${name}`;
  const self = `${context.baseUrl}/v3/projectRoleTemplateBindings/${id}`;
  const now = new Date();
  const binding: RancherProjectRoleTemplateBinding = {
    id,
    type: 'projectRoleTemplateBinding',
    baseType: 'projectRoleTemplateBinding',
    name,
    namespaceId: null,
    projectId,
    ...subject,
    created: rfc3339Seconds(now),
    createdTS: now.getTime(),
    creatorId: context.creatorId,
    uuid: randomUUID(),
    links: { self, update: self, remove: self },
  };
  context.state.projectRoleTemplateBindings.push(binding);
  syncBindingToNamespaces(context.state, binding, context.nextResourceVersion);
  return binding;
}

/** Rancher makes the creator of a project its owner. */
export function addCreatorBinding(
  context: RancherContext,
  project: RancherProject,
): void {
  storeBinding(context, project.id, 'creator-project-owner', {
    roleTemplateId: 'project-owner',
    userId: context.creatorId,
    userPrincipalId: `local://${context.creatorId}`,
  });
}

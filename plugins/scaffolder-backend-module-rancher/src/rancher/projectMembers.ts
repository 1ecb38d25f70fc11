import { LoggerService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import {
  RancherClient,
  RancherProjectRole,
  RancherProjectRoleTemplateBinding,
} from '@wombat/plugin-wombat-node';

/** A principal with a role in a Rancher project. */
export interface ProjectMember {
  principal: string;
  role: RancherProjectRole;
}

/**
 * The binding field a principal id goes in. Ids look like local://u-abc12,
 * openldap_user://uid=jdoe,... or activedirectory_group://CN=...; a group is
 * named so by its provider.
 */
export function principalField(
  principal: string,
  field: string,
): 'userPrincipalId' | 'groupPrincipalId' {
  const match = principal.match(/^([a-z0-9_]+):\/\/.+/i);
  if (!match) {
    throw new InputError(
      `${field} "${principal}" is not a Rancher principal id such as local://u-abc12 or openldap_user://uid=jdoe,ou=people,dc=example,dc=com`,
    );
  }
  return /_group$/i.test(match[1]) ? 'groupPrincipalId' : 'userPrincipalId';
}

/**
 * Binds the principal to the project with the role unless that binding
 * exists. A principal may hold several roles in Rancher, so another role is
 * not a conflict: the binding asked for is added beside it.
 */
export async function ensureProjectMember(
  rancher: RancherClient,
  projectId: string,
  member: ProjectMember,
  logger: LoggerService,
): Promise<void> {
  const field = principalField(member.principal, 'members.principal');
  const bindings = await rancher.listProjectRoleTemplateBindings(projectId);
  const bound = bindings.some(
    (b: RancherProjectRoleTemplateBinding) =>
      b[field] === member.principal && b.roleTemplateId === member.role,
  );
  if (bound) {
    return;
  }
  await rancher.createProjectRoleTemplateBinding({
    projectId,
    roleTemplateId: member.role,
    [field]: member.principal,
  });
  logger.info(
    `Gave ${member.principal} the role ${member.role} in ${projectId}`,
  );
}

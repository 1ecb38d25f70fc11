import { createTemplateFilter } from '@backstage/plugin-scaffolder-node/alpha';
import {
  membersArgument,
  ownerArgument,
  resolveMembers,
  type ProjectMember,
  type ProjectRole,
} from './projectMembers';

const ROLE_TEMPLATES: Record<ProjectRole, string> = {
  manager: 'project-owner',
  developer: 'project-member',
  viewer: 'read-only',
};

/** How Rancher names users and groups: `wombat.rancher.principals`. */
export interface PrincipalFormats {
  user: string;
  group: string;
}

/**
 * `members | wombatRancherMembers(owner)`: a project's owner and members as
 * `rancher:project:create` members, their principals built from
 * `wombat.rancher.principals`.
 */
export function createWombatRancherMembersFilter(
  formats: PrincipalFormats | undefined,
) {
  return createTemplateFilter({
    id: 'wombatRancherMembers',
    description:
      "A Wombat project's owner and members as rancher:project:create members, with principals from wombat.rancher.principals: manager and the owner group → project-owner, developer → project-member, viewer → read-only.",
    schema: z =>
      z
        .function()
        .args(membersArgument(z), ownerArgument(z))
        .returns(
          z.array(z.object({ principal: z.string(), role: z.string() })),
        ),
    examples: [
      {
        description: 'Members of the new Rancher project',
        example: `members: \${{ parameters.members | wombatRancherMembers(parameters.owner) }}`,
        notes:
          'with principals.user openldap_user://uid={name},ou=people,dc=example, [{ member: user:default/jdoe, role: developer }] gives [{ principal: openldap_user://uid=jdoe,ou=people,dc=example, role: project-member }]',
      },
    ],
    filter: (members: ProjectMember[], owner?: string) => {
      const resolved = resolveMembers(members, owner);
      if (resolved.length > 0 && !formats) {
        throw new Error(
          'wombatRancherMembers needs wombat.rancher.principals (user and group) in the configuration',
        );
      }
      return resolved.map(member => ({
        principal: formats![member.kind].replace('{name}', member.name),
        role: ROLE_TEMPLATES[member.role],
      }));
    },
  });
}

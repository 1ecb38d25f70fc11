import { createTemplateFilter } from '@backstage/plugin-scaffolder-node/alpha';
import {
  membersArgument,
  ownerArgument,
  resolveMembers,
  type ProjectMember,
  type ProjectRole,
} from './projectMembers';

const ROLES: Record<ProjectRole, string> = {
  manager: 'maintainer',
  developer: 'developer',
  viewer: 'guest',
};

/**
 * `members | wombatHarborMembers(owner)`: a project's owner and members as
 * `harbor:project:create` members. The owner group becomes project admin;
 * groups are Harbor user groups of the same name (from LDAP).
 */
export const wombatHarborMembers = createTemplateFilter({
  id: 'wombatHarborMembers',
  description:
    "A Wombat project's owner and members as harbor:project:create members: the owner group → projectAdmin, manager → maintainer, developer → developer, viewer → guest.",
  schema: z =>
    z
      .function()
      .args(membersArgument(z), ownerArgument(z))
      .returns(
        z.array(
          z.object({
            username: z.string().optional(),
            group: z.string().optional(),
            role: z.string(),
          }),
        ),
      ),
  examples: [
    {
      description: 'Members of the new registry project',
      example: `members: \${{ parameters.members | wombatHarborMembers(parameters.owner) }}`,
      notes:
        'owner group:default/team-payments and [{ member: user:default/jdoe, role: developer }] give [{ group: team-payments, role: projectAdmin }, { username: jdoe, role: developer }]',
    },
  ],
  filter: (members: ProjectMember[], owner?: string) =>
    resolveMembers(members, owner).map(member => {
      const role = member.isOwner ? 'projectAdmin' : ROLES[member.role];
      return member.kind === 'user'
        ? { username: member.name, role }
        : { group: member.name, role };
    }),
});

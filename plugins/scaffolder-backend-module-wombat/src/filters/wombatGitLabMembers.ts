import { createTemplateFilter } from '@backstage/plugin-scaffolder-node/alpha';
import {
  membersArgument,
  resolveMembers,
  type ProjectMember,
  type ProjectRole,
} from './projectMembers';

const ACCESS_LEVELS: Record<ProjectRole, string> = {
  manager: 'maintainer',
  developer: 'developer',
  viewer: 'reporter',
};

/**
 * `members | wombatGitLabMembers`: the users among a project's members as
 * `gitlab:project:create` members. GitLab adds users to a project by
 * username; groups get access by sharing, which the action does not do, so
 * group members are left out here.
 */
export const wombatGitLabMembers = createTemplateFilter({
  id: 'wombatGitLabMembers',
  description:
    "A Wombat project's user members as gitlab:project:create members: manager → maintainer, developer → developer, viewer → reporter. Groups are left out.",
  schema: z =>
    z
      .function()
      .args(membersArgument(z))
      .returns(
        z.array(z.object({ username: z.string(), accessLevel: z.string() })),
      ),
  examples: [
    {
      description: 'Members of the new project',
      example: `members: \${{ parameters.members | wombatGitLabMembers }}`,
      notes:
        '[{ member: user:default/jdoe, role: developer }] gives [{ username: jdoe, accessLevel: developer }]',
    },
  ],
  filter: (members: ProjectMember[]) =>
    resolveMembers(members)
      .filter(member => member.kind === 'user')
      .map(member => ({
        username: member.name,
        accessLevel: ACCESS_LEVELS[member.role],
      })),
});

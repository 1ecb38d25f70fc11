import { Config } from '@backstage/config';
import { ScmIntegrationRegistry } from '@backstage/integration';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { GitLabClientFactory } from '@wombat/plugin-wombat-node';
import { createHash } from 'node:crypto';
import {
  BRANCH_ACCESS_LEVELS,
  BranchAccessLevel,
  MEMBER_ACCESS_LEVELS,
  MemberAccessLevel,
} from '../project/accessLevels';
import { ensureDeployKey } from '../project/ensureDeployKey';
import { ensureMember } from '../project/ensureMember';
import { ensureNamespace } from '../project/ensureNamespace';
import { ensureProject, findProject } from '../project/ensureProject';
import { ensureProtectedBranch } from '../project/ensureProtectedBranch';
import { ensureVariable } from '../project/ensureVariable';
import { planProject } from '../project/planProject';
import { ProjectRecord } from '../project/ProjectPlan';
import { pushWorkspace } from '../project/pushWorkspace';
import { resolveUsers } from '../project/resolveUsers';
import { examples } from './gitlabProjectCreate.examples';

const memberLevels = Object.keys(MEMBER_ACCESS_LEVELS) as [
  MemberAccessLevel,
  ...MemberAccessLevel[],
];
const branchLevels = Object.keys(BRANCH_ACCESS_LEVELS) as [
  BranchAccessLevel,
  ...BranchAccessLevel[],
];

function shortHash(value: string) {
  return createHash('sha256').update(value).digest('hex').slice(0, 12);
}

/**
 * Creates a GitLab project with its members, deploy keys, protected branches
 * and CI/CD variables, and optionally pushes the workspace as the first
 * commit. Re-running it adopts what already matches.
 *
 * @public
 */
export function createGitLabProjectCreateAction(options: {
  integrations: ScmIntegrationRegistry;
  gitlab: GitLabClientFactory;
  config: Config;
}) {
  const { integrations, gitlab, config } = options;
  return createTemplateAction({
    id: 'gitlab:project:create',
    description:
      'Creates a GitLab project (and any missing groups of its path) with members, deploy keys, protected branches and CI/CD variables, and can push the workspace as its first commit. Idempotent: what already exists and matches is adopted.',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        repoUrl: z =>
          z.string({
            description:
              'Where the project goes, in RepoUrlPicker form: gitlab.example.com?owner=group/subgroup&repo=name. Missing groups are created.',
          }),
        description: z =>
          z.string({ description: 'The project description' }).optional(),
        visibility: z =>
          z
            .enum(['private', 'internal', 'public'], {
              description: 'Project visibility; default private',
            })
            .optional(),
        defaultBranch: z =>
          z
            .string({ description: 'The default branch; default main' })
            .optional(),
        topics: z =>
          z.array(z.string(), { description: 'Project topics' }).optional(),
        sourcePath: z =>
          z
            .string({
              description:
                'Push this workspace folder as the first commit ("." for the whole workspace). Without it the repository stays empty.',
            })
            .optional(),
        members: z =>
          z
            .array(
              z.object({
                username: z.string({ description: 'GitLab username' }),
                accessLevel: z.enum(memberLevels, {
                  description:
                    'guest, reporter, developer, maintainer or owner',
                }),
              }),
              { description: 'Users to add to the project' },
            )
            .optional(),
        deployKeys: z =>
          z
            .array(
              z.object({
                title: z.string({ description: 'A name for the key' }),
                key: z.string({ description: 'An OpenSSH public key' }),
                canPush: z
                  .boolean({
                    description: 'Whether the key may push; default false',
                  })
                  .optional(),
              }),
              { description: 'Deploy keys to add' },
            )
            .optional(),
        protectedBranches: z =>
          z
            .array(
              z.object({
                name: z.string({ description: 'Branch name or wildcard' }),
                pushAccessLevel: z
                  .enum(branchLevels, {
                    description:
                      'Who may push: noAccess, developer, maintainer (default) or admin',
                  })
                  .optional(),
                mergeAccessLevel: z
                  .enum(branchLevels, {
                    description:
                      'Who may merge: noAccess, developer, maintainer (default) or admin',
                  })
                  .optional(),
                allowForcePush: z
                  .boolean({ description: 'Default false' })
                  .optional(),
              }),
              {
                description:
                  "Branch protection rules. The rule GitLab puts on a new project's default branch is replaced by the one given here.",
              },
            )
            .optional(),
        variables: z =>
          z
            .array(
              z.object({
                key: z.string({ description: 'Letters, digits and _' }),
                value: z.string({
                  description: 'The value; pass secrets with ${{ secrets.x }}',
                }),
                masked: z
                  .boolean({
                    description:
                      'Mask in job logs (8+ characters, no spaces); default false',
                  })
                  .optional(),
                protected: z
                  .boolean({
                    description:
                      'Only for protected branches and tags; default false',
                  })
                  .optional(),
                environmentScope: z
                  .string({ description: 'Environment scope; default *' })
                  .optional(),
              }),
              { description: 'CI/CD variables of the project' },
            )
            .optional(),
      },
      output: {
        projectId: z =>
          z.number({
            description: 'GitLab project id (0 in a dry run of a new project)',
          }),
        projectPath: z => z.string({ description: 'group/subgroup/name' }),
        remoteUrl: z => z.string({ description: 'The project page' }),
        repoContentsUrl: z =>
          z.string({
            description: "The default branch's files, for catalog:register",
          }),
        cloneUrl: z => z.string({ description: 'HTTPS clone address' }),
        sshUrl: z => z.string({ description: 'SSH clone address' }),
        created: z =>
          z.boolean({ description: 'Whether this task created the project' }),
      },
    },
    async handler(ctx) {
      const plan = planProject(ctx.input, integrations);
      const client = gitlab.forHost(plan.host);
      const { api } = client;
      const userIds = await resolveUsers(
        api,
        plan.members.map(m => m.username),
      );
      const key = (...parts: string[]) =>
        ['wombat.gitlab', plan.host, plan.projectPath, ...parts].join(':');

      const emit = (project: ProjectRecord | undefined) => {
        const webUrl =
          project?.webUrl ?? `${client.baseUrl}/${plan.projectPath}`;
        ctx.output('projectId', project?.id ?? 0);
        ctx.output('projectPath', plan.projectPath);
        ctx.output('remoteUrl', webUrl);
        ctx.output('repoContentsUrl', `${webUrl}/-/blob/${plan.defaultBranch}`);
        ctx.output('cloneUrl', project?.httpUrl ?? `${webUrl}.git`);
        ctx.output(
          'sshUrl',
          project?.sshUrl ?? `git@${plan.host}:${plan.projectPath}.git`,
        );
        ctx.output('created', project?.created ?? false);
      };

      if (ctx.isDryRun) {
        const existing = await findProject(api, plan.projectPath);
        ctx.logger.info(
          existing
            ? `Dry run: GitLab project ${plan.projectPath} exists and would be checked and adopted`
            : `Dry run: would create GitLab project ${plan.projectPath}`,
        );
        emit(
          existing && {
            id: existing.id,
            created: false,
            pathWithNamespace: existing.path_with_namespace,
            webUrl: existing.web_url,
            httpUrl: existing.http_url_to_repo,
            sshUrl: existing.ssh_url_to_repo,
          },
        );
        return;
      }

      const namespaceId = await ctx.checkpoint({
        key: key('namespace'),
        fn: () =>
          ensureNamespace(api, plan.groupPath, plan.visibility, ctx.logger),
      });
      const project = await ctx.checkpoint({
        key: key('project'),
        fn: () => ensureProject(api, plan, namespaceId, ctx.logger),
      });
      const target = {
        id: project.id,
        path: plan.projectPath,
        created: project.created,
        defaultBranch: plan.defaultBranch,
      };

      if (plan.sourcePath !== undefined) {
        await ctx.checkpoint({
          key: key('push'),
          fn: () =>
            pushWorkspace({
              client,
              config,
              projectPath: plan.projectPath,
              workspacePath: ctx.workspacePath,
              sourcePath: plan.sourcePath!,
              defaultBranch: plan.defaultBranch,
              logger: ctx.logger,
            }),
        });
      }
      for (const member of plan.members) {
        await ctx.checkpoint({
          key: key('member', member.username),
          fn: () =>
            ensureMember(
              api,
              target,
              { ...member, userId: userIds[member.username] },
              ctx.logger,
            ),
        });
      }
      for (const deployKey of plan.deployKeys) {
        await ctx.checkpoint({
          key: key('deploy-key', shortHash(deployKey.key.split(' ')[1])),
          fn: () => ensureDeployKey(api, target, deployKey, ctx.logger),
        });
      }
      for (const rule of plan.protectedBranches) {
        await ctx.checkpoint({
          key: key('protected-branch', rule.name),
          fn: () => ensureProtectedBranch(api, target, rule, ctx.logger),
        });
      }
      for (const variable of plan.variables) {
        await ctx.checkpoint({
          key: key('variable', variable.key, variable.environmentScope),
          fn: () => ensureVariable(api, target, variable, ctx.logger),
        });
      }
      emit(project);
    },
  });
}

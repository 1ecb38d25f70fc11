import { Config } from '@backstage/config';
import { ScmIntegrationRegistry } from '@backstage/integration';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import {
  GitLabClientFactory,
  ProjectGuard,
  ProjectScope,
  adoptInput,
  checkpointKey,
  projectInput,
  requireAdmin,
  requireProjectRole,
} from '@wombat/plugin-wombat-node';
import { createHash } from 'node:crypto';
import {
  BRANCH_ACCESS_LEVELS,
  BranchAccessLevel,
  MEMBER_ACCESS_LEVELS,
  MemberAccessLevel,
} from '../project/accessLevels';
import { ensureDeployKey } from '../project/ensureDeployKey';
import { ensureGroups } from '../project/ensureGroups';
import { ensureMember } from '../project/ensureMember';
import { ensureProject } from '../project/ensureProject';
import { ensureProtectedBranch } from '../project/ensureProtectedBranch';
import { ensureVariable } from '../project/ensureVariable';
import { planProject } from '../project/planProject';
import { requireProjectGroup } from '../project/projectGroup';
import { ProjectPlan, ProjectRecord } from '../project/ProjectPlan';
import { pushWorkspace } from '../project/pushWorkspace';
import { resolveUsers } from '../project/resolveUsers';
import { TargetSurvey, surveyTarget } from '../project/surveyTarget';
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

/** What a dry run says about each part of the target, without writing. */
function describeSurvey(
  survey: TargetSurvey,
  plan: ProjectPlan,
  scope: ProjectScope,
): string[] {
  const lines = survey.groups.map(level => {
    if (!level.existing) {
      return `would create GitLab group ${level.path} for ${scope.ref}`;
    }
    const path = level.existing.group.full_path;
    return level.existing.verdict === 'adopt'
      ? `would adopt GitLab group ${path} into ${scope.ref}, writing the stamp into its description`
      : `GitLab group ${path} is ${scope.ref}'s; would use it`;
  });
  const found = survey.project;
  if (!found) {
    return [
      ...lines,
      `would create GitLab project ${plan.projectPath} for ${scope.ref}`,
    ];
  }
  const path = found.project.path_with_namespace;
  return [
    ...lines,
    found.verdict === 'adopt'
      ? `would adopt GitLab project ${path} into ${scope.ref}, adding the stamp to its topics`
      : `GitLab project ${path} is ${scope.ref}'s; would use it`,
  ];
}

/**
 * Creates a GitLab project in a Wombat project's GitLab group with its
 * members, deploy keys, protected branches and CI/CD variables, and
 * optionally pushes the workspace as the first commit. The requester needs
 * the developer role in the Wombat project (or the global developer role
 * for a project not in the catalog yet); groups and the project it creates
 * carry the project's stamp, and a re-run uses only what carries it.
 *
 * @public
 */
export function createGitLabProjectCreateAction(options: {
  integrations: ScmIntegrationRegistry;
  gitlab: GitLabClientFactory;
  guard: ProjectGuard;
  config: Config;
}) {
  const { integrations, gitlab, guard, config } = options;
  return createTemplateAction({
    id: 'gitlab:project:create',
    description:
      "Creates a GitLab project (and any missing groups of its path) in a Wombat project's GitLab group, with members, deploy keys, protected branches and CI/CD variables, and can push the workspace as its first commit. Idempotent: what already exists is used only when it carries the project's stamp; platform admins can adopt unstamped groups and projects.",
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        project: projectInput,
        adopt: adoptInput,
        repoUrl: z =>
          z.string({
            description:
              "Where the project goes, in RepoUrlPicker form: gitlab.example.com?owner=group/subgroup&repo=name. The owner must be the Wombat project's GitLab group (its name, or <namespace>.<name> outside the default namespace) or a subgroup of it; missing groups are created.",
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
          z
            .array(z.string(), {
              description:
                'Project topics; none may contain "wombat-project.", the stamps Wombat adds itself',
            })
            .optional(),
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
      const scope = await guard.authorize({
        taskId: ctx.task.id,
        credentials: await ctx.getInitiatorCredentials(),
        project: ctx.input.project,
        act: 'create',
        // The first step of a new project, before it is in the catalog.
        allowNewProject: true,
      });
      if (plan.adopt) {
        requireAdmin(
          scope,
          'Adopting existing GitLab groups and projects (adopt: true)',
        );
      }
      requireProjectGroup(plan, scope);
      if (plan.members.length > 0) {
        requireProjectRole(scope, 'manager', 'Giving people access');
      }
      if (plan.members.some(m => m.accessLevel >= MEMBER_ACCESS_LEVELS.owner)) {
        // An owner may delete the repository and hand it to anyone.
        requireAdmin(scope, 'Making someone owner of a GitLab project');
      }

      const client = gitlab.forHost(plan.host);
      const { api } = client;
      const userIds = await resolveUsers(
        api,
        plan.members.map(m => m.username),
      );
      const key = (...parts: string[]) =>
        checkpointKey('gitlab', plan.host, plan.projectPath, ...parts);

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

      // Every attempt looks again: what a failed attempt created carries
      // the stamp, so a retry finds it as the project's own.
      const survey = await surveyTarget(api, plan, scope);

      if (ctx.isDryRun) {
        for (const line of describeSurvey(survey, plan, scope)) {
          ctx.logger.info(`Dry run: ${line}`);
        }
        const existing = survey.project?.project;
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
        fn: () => ensureGroups(api, survey.groups, plan, scope, ctx.logger),
      });
      const project = await ctx.checkpoint({
        key: key('project'),
        fn: () =>
          ensureProject(api, plan, namespaceId, survey, scope, ctx.logger),
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

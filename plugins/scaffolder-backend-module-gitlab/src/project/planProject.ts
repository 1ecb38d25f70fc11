import { InputError } from '@backstage/errors';
import { ScmIntegrationRegistry } from '@backstage/integration';
import { parseRepoUrl } from '@backstage/plugin-scaffolder-node';
import {
  explainInvalidGitLabPath,
  explainInvalidGitLabVariableKey,
  explainUnmaskableValue,
  parseSshPublicKey,
} from '@wombat/plugin-wombat-node';
import {
  BRANCH_ACCESS_LEVELS,
  BranchAccessLevel,
  MEMBER_ACCESS_LEVELS,
  MemberAccessLevel,
} from './accessLevels';
import { ProjectPlan } from './ProjectPlan';

/** The action's input, as its schema parses it. */
export interface ProjectInput {
  project: string;
  adopt?: boolean;
  repoUrl: string;
  description?: string;
  visibility?: 'private' | 'internal' | 'public';
  defaultBranch?: string;
  topics?: string[];
  sourcePath?: string;
  members?: Array<{ username: string; accessLevel: MemberAccessLevel }>;
  deployKeys?: Array<{ title: string; key: string; canPush?: boolean }>;
  protectedBranches?: Array<{
    name: string;
    pushAccessLevel?: BranchAccessLevel;
    mergeAccessLevel?: BranchAccessLevel;
    allowForcePush?: boolean;
  }>;
  variables?: Array<{
    key: string;
    value: string;
    masked?: boolean;
    protected?: boolean;
    environmentScope?: string;
  }>;
}

function fail(field: string, message: string): never {
  throw new InputError(`${field} ${message}`);
}

/*
 * GitLab splits every topic on commas and trims it (CommaSeparatedToArray,
 * Project#update_topics), so the topics are checked as GitLab will store
 * them: "x,wombat-project.a.b" would otherwise slip a stamp through.
 */
function planTopics(topics: string[] | undefined): string[] {
  const planned = (topics ?? [])
    .flatMap(topic => topic.split(','))
    .map(topic => topic.trim())
    .filter(Boolean);
  for (const topic of planned) {
    // Any mention, not only a prefix: stamps are read as words of the topics.
    if (/wombat-project\./i.test(topic)) {
      fail(
        'topics',
        `may not contain "${topic}": topics with "wombat-project." are the project stamps Wombat writes itself`,
      );
    }
  }
  return planned;
}

function firstDuplicate(values: string[]) {
  return values.find((value, index) => values.indexOf(value) !== index);
}

/*
 * Git's rules for a branch name (git check-ref-format), plus GitLab's
 * pitfall: a default branch given as refs/heads/x silently skips the
 * repository's initialisation.
 */
function explainInvalidBranchName(name: string): string | undefined {
  if (name.startsWith('refs/')) {
    return 'must be a branch name such as "main", not a ref';
  }
  const hasControlCharacter = [...name].some(
    c => c.charCodeAt(0) < 32 || c.charCodeAt(0) === 127,
  );
  if (
    !name ||
    hasControlCharacter ||
    /[\s~^:?*[\\]|\.\.|@\{|\/\/|^[/.]|[/.]$|\.lock$/.test(name)
  ) {
    return 'is not a valid git branch name';
  }
  return undefined;
}

/**
 * Validates the input against GitLab's own rules and turns it into a plan.
 * Throws an InputError naming the field and the reason; nothing has been
 * sent to GitLab at that point.
 */
export function planProject(
  input: ProjectInput,
  integrations: ScmIntegrationRegistry,
): ProjectPlan {
  let parsed;
  try {
    parsed = parseRepoUrl(input.repoUrl, integrations);
  } catch (error) {
    fail('repoUrl', `is invalid: ${(error as Error).message}`);
  }
  const { host, owner, repo } = parsed;
  if (!integrations.gitlab.byHost(host)) {
    fail('repoUrl', `names ${host}, which is not in integrations.gitlab`);
  }
  if (!owner) {
    fail('repoUrl', 'has no owner: give the group the project belongs in');
  }
  const groupPath = owner.replace(/^\/+|\/+$/g, '');
  for (const segment of groupPath.split('/')) {
    const reason = explainInvalidGitLabPath(segment);
    if (reason)
      fail(
        'repoUrl',
        `has the group path segment "${segment}", which ${reason}`,
      );
  }
  const nameReason = explainInvalidGitLabPath(repo);
  if (nameReason)
    fail('repoUrl', `has the project name "${repo}", which ${nameReason}`);

  const defaultBranch = input.defaultBranch ?? 'main';
  const branchReason = explainInvalidBranchName(defaultBranch);
  if (branchReason) fail('defaultBranch', `"${defaultBranch}" ${branchReason}`);

  const members = (input.members ?? []).map(m => ({
    username: m.username.replace(/^@/, ''),
    accessLevel: MEMBER_ACCESS_LEVELS[m.accessLevel],
  }));
  const duplicateMember = firstDuplicate(members.map(m => m.username));
  if (duplicateMember)
    fail('members', `lists ${duplicateMember} more than once`);

  const deployKeys = (input.deployKeys ?? []).map((k, index) => {
    try {
      const key = parseSshPublicKey(k.key);
      return {
        title: k.title,
        key: `${key.type} ${key.blob}${key.comment ? ` ${key.comment}` : ''}`,
        canPush: k.canPush ?? false,
      };
    } catch (error) {
      return fail(`deployKeys[${index}].key`, (error as Error).message);
    }
  });
  const duplicateKey = firstDuplicate(
    deployKeys.map(k => k.key.split(' ').slice(0, 2).join(' ')),
  );
  if (duplicateKey) fail('deployKeys', 'list the same key more than once');

  const protectedBranches = (input.protectedBranches ?? []).map((b, index) => {
    const reason = explainInvalidBranchName(b.name);
    if (reason && !b.name.includes('*')) {
      fail(`protectedBranches[${index}].name`, `"${b.name}" ${reason}`);
    }
    return {
      name: b.name,
      pushAccessLevel: BRANCH_ACCESS_LEVELS[b.pushAccessLevel ?? 'maintainer'],
      mergeAccessLevel:
        BRANCH_ACCESS_LEVELS[b.mergeAccessLevel ?? 'maintainer'],
      allowForcePush: b.allowForcePush ?? false,
    };
  });
  const duplicateBranch = firstDuplicate(protectedBranches.map(b => b.name));
  if (duplicateBranch)
    fail('protectedBranches', `list ${duplicateBranch} more than once`);

  const variables = (input.variables ?? []).map((v, index) => {
    const keyReason = explainInvalidGitLabVariableKey(v.key);
    if (keyReason) fail(`variables[${index}].key`, `"${v.key}" ${keyReason}`);
    if (v.masked) {
      // The value is not repeated: it may be a secret.
      const valueReason = explainUnmaskableValue(v.value);
      if (valueReason) fail(`variables[${index}].value`, valueReason);
    }
    return {
      key: v.key,
      value: v.value,
      masked: v.masked ?? false,
      protected: v.protected ?? false,
      environmentScope: v.environmentScope ?? '*',
    };
  });
  const duplicateVariable = firstDuplicate(
    variables.map(v => `${v.key} (scope ${v.environmentScope})`),
  );
  if (duplicateVariable)
    fail('variables', `list ${duplicateVariable} more than once`);

  return {
    adopt: input.adopt ?? false,
    host,
    groupPath,
    name: repo,
    projectPath: `${groupPath}/${repo}`,
    visibility: input.visibility ?? 'private',
    defaultBranch,
    description: input.description,
    topics: planTopics(input.topics),
    sourcePath: input.sourcePath,
    members,
    deployKeys,
    protectedBranches,
    variables,
  };
}

import {
  GitLabClientFactory,
  findProjectVariable,
  upsertProjectVariable,
} from '@wombat/plugin-wombat-node';

/** Where in GitLab a robot's credentials go, as masked CI/CD variables. */
export interface GitLabDelivery {
  host?: string;
  projectId: number | string;
  usernameKey: string;
  passwordKey: string;
  /** Receives the registry's host, for `docker login` and image names. */
  registryKey?: string;
  environmentScope?: string;
  protected?: boolean;
}

/**
 * Whether the variables hold this robot: its name in the username variable
 * and a password beside it (whose value cannot be compared: Harbor never
 * shows a secret again).
 */
export async function isDeliveredToGitLab(
  gitlab: GitLabClientFactory,
  target: GitLabDelivery,
  robotName: string,
): Promise<boolean> {
  const { api } = gitlab.forHost(target.host);
  const scope = target.environmentScope ?? '*';
  const [username, password] = await Promise.all([
    findProjectVariable(api, target.projectId, target.usernameKey, scope),
    findProjectVariable(api, target.projectId, target.passwordKey, scope),
  ]);
  return Boolean(username?.value === robotName && password);
}

/**
 * Gives variables that are already there the `protected` flag the task
 * asks for, keeping their values (a delivered robot keeps its secret). A
 * variable whose value GitLab hides cannot be rewritten and is left alone.
 */
export async function protectGitLabVariables(
  gitlab: GitLabClientFactory,
  target: GitLabDelivery,
  keys: string[],
): Promise<void> {
  const { api } = gitlab.forHost(target.host);
  const environmentScope = target.environmentScope ?? '*';
  const wanted = target.protected ?? false;
  for (const key of keys) {
    const existing = await findProjectVariable(
      api,
      target.projectId,
      key,
      environmentScope,
    );
    if (
      existing &&
      typeof existing.value === 'string' &&
      existing.protected !== wanted
    ) {
      await upsertProjectVariable(api, target.projectId, {
        key,
        value: existing.value,
        masked: existing.masked,
        raw: existing.raw ?? false,
        protected: wanted,
        environmentScope,
      });
    }
  }
}

/**
 * Puts the registry's host into its variable, unless it holds it already
 * with the `protected` flag asked for. Not a secret, and not tied to the
 * robot: a robot that is used again keeps its secret while this is still
 * brought up to date.
 */
export async function deliverRegistryToGitLab(
  gitlab: GitLabClientFactory,
  target: GitLabDelivery & { registryKey: string },
  registry: string,
): Promise<'created' | 'updated' | 'kept'> {
  const { api } = gitlab.forHost(target.host);
  const environmentScope = target.environmentScope ?? '*';
  const wanted = target.protected ?? false;
  const existing = await findProjectVariable(
    api,
    target.projectId,
    target.registryKey,
    environmentScope,
  );
  if (existing?.value === registry && existing.protected === wanted) {
    return 'kept';
  }
  return upsertProjectVariable(api, target.projectId, {
    key: target.registryKey,
    value: registry,
    masked: false,
    raw: true,
    protected: wanted,
    environmentScope,
  });
}

/**
 * Writes the robot's name and secret into the GitLab project's CI/CD
 * variables. Both are raw, since robot names contain `$`; the secret is
 * masked. The secret goes nowhere else.
 */
export async function deliverToGitLab(
  gitlab: GitLabClientFactory,
  target: GitLabDelivery,
  robot: { name: string; secret: string },
): Promise<void> {
  const { api } = gitlab.forHost(target.host);
  const common = {
    raw: true,
    protected: target.protected ?? false,
    environmentScope: target.environmentScope ?? '*',
  };
  await upsertProjectVariable(api, target.projectId, {
    ...common,
    key: target.usernameKey,
    value: robot.name,
    masked: false,
  });
  await upsertProjectVariable(api, target.projectId, {
    ...common,
    key: target.passwordKey,
    value: robot.secret,
    masked: true,
  });
}

import type { GitLabApi } from './GitLabClientFactory';

/** A CI/CD variable of a GitLab project. @public */
export interface GitLabVariableSpec {
  key: string;
  value: string;
  masked?: boolean;
  protected?: boolean;
  /** No `$` expansion; Harbor robot names contain `$`. */
  raw?: boolean;
  /** Default `*`. */
  environmentScope?: string;
}

/** A variable as GitLab reports it. @public */
export interface GitLabVariable {
  key: string;
  value: string;
  masked: boolean;
  protected: boolean;
  raw?: boolean;
  environment_scope: string;
}

/**
 * The project's variable with that key and environment scope, if any. Lists
 * instead of GET-by-key, which answers 404 both for "no such variable" and
 * for "no such project".
 *
 * @public
 */
export async function findProjectVariable(
  api: GitLabApi,
  projectId: number | string,
  key: string,
  environmentScope = '*',
): Promise<GitLabVariable | undefined> {
  const variables = (await api.ProjectVariables.all(projectId, {
    perPage: 100,
  })) as unknown as GitLabVariable[];
  return variables.find(
    v => v.key === key && (v.environment_scope ?? '*') === environmentScope,
  );
}

/**
 * Creates the variable, or updates it when it exists (for example with a
 * new robot secret after a retried task had to refresh it).
 *
 * @public
 */
export async function upsertProjectVariable(
  api: GitLabApi,
  projectId: number | string,
  spec: GitLabVariableSpec,
): Promise<'created' | 'updated'> {
  const environmentScope = spec.environmentScope ?? '*';
  const options = {
    masked: spec.masked ?? false,
    protected: spec.protected ?? false,
    raw: spec.raw ?? false,
    environmentScope,
  };
  const existing = await findProjectVariable(
    api,
    projectId,
    spec.key,
    environmentScope,
  );
  if (existing) {
    await api.ProjectVariables.edit(projectId, spec.key, spec.value, {
      ...options,
      filter: { environment_scope: environmentScope },
    });
    return 'updated';
  }
  await api.ProjectVariables.create(projectId, spec.key, spec.value, options);
  return 'created';
}

import { LoggerService } from '@backstage/backend-plugin-api';
import { ConflictError } from '@backstage/errors';
import { GitLabApi, findProjectVariable } from '@wombat/plugin-wombat-node';
import { ProjectPlan } from './ProjectPlan';

type Variable = ProjectPlan['variables'][number];

/**
 * Creates the CI/CD variable, or accepts an identical one. A differing one is
 * a conflict whose message says neither what differs nor either value: which
 * of value, masking or protection differs would tell a caller whether a
 * guessed secret is right.
 */
export async function ensureVariable(
  api: GitLabApi,
  project: { id: number; path: string },
  variable: Variable,
  logger: LoggerService,
): Promise<void> {
  const existing = await findProjectVariable(
    api,
    project.id,
    variable.key,
    variable.environmentScope,
  );
  const label = `${variable.key} (environment scope ${variable.environmentScope})`;
  if (existing) {
    const same =
      existing.value === variable.value &&
      existing.masked === variable.masked &&
      existing.protected === variable.protected;
    if (!same) {
      throw new ConflictError(
        `CI/CD variable ${label} already exists on ${project.path} with other settings or another value; Wombat leaves it as it is`,
      );
    }
    return;
  }
  await api.ProjectVariables.create(project.id, variable.key, variable.value, {
    masked: variable.masked,
    protected: variable.protected,
    environmentScope: variable.environmentScope,
  });
  logger.info(`Added CI/CD variable ${label} to ${project.path}`, {
    project: project.path,
    variable: variable.key,
  });
}

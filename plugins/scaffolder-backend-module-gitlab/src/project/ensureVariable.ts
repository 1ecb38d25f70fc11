import { LoggerService } from '@backstage/backend-plugin-api';
import { ConflictError } from '@backstage/errors';
import { GitLabApi, findProjectVariable } from '@wombat/plugin-wombat-node';
import { ProjectPlan } from './ProjectPlan';

type Variable = ProjectPlan['variables'][number];

/**
 * Creates the CI/CD variable, or accepts an identical one. A differing one is
 * a conflict whose message never repeats either value.
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
    const found: string[] = [];
    if (existing.value !== variable.value) found.push('its value differs');
    if (existing.masked !== variable.masked)
      found.push(`masked is ${existing.masked}`);
    if (existing.protected !== variable.protected) {
      found.push(`protected is ${existing.protected}`);
    }
    if (found.length > 0) {
      throw new ConflictError(
        `CI/CD variable ${label} already exists on ${
          project.path
        } and differs: ${found.join('; ')}`,
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

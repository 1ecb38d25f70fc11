import { HarborRobotAccess, HarborRobotPermission } from './types';

/** What a project robot may do with the project's repositories. @public */
export type RobotPermission = 'pull' | 'push';

/**
 * The single permission entry Harbor requires for a project robot. Push
 * implies pull: a docker push checks the layers the registry already has.
 *
 * @public
 */
export function robotPermission(
  project: string,
  permissions: RobotPermission[],
): HarborRobotPermission {
  const actions = new Set<RobotPermission>(['pull', ...permissions]);
  return {
    kind: 'project',
    namespace: project,
    access: [...actions]
      .sort()
      .map(action => ({ resource: 'repository', action })),
  };
}

/** The repository actions of a robot, for comparing two robots. @public */
export function repositoryActions(permissions: HarborRobotPermission[]) {
  return permissions
    .flatMap(p => p.access)
    .filter((a: HarborRobotAccess) => a.resource === 'repository')
    .map(a => a.action)
    .sort()
    .join(',');
}

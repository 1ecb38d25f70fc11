import type { ClusterEntityV1alpha1 } from './ClusterEntityV1alpha1';
import type { ProjectEntityV1alpha1 } from './ProjectEntityV1alpha1';

/** A valid Project with every optional field, for tests to vary. */
export function makeProject(
  spec: Partial<ProjectEntityV1alpha1['spec']> = {},
  name = 'payments',
): ProjectEntityV1alpha1 {
  return {
    apiVersion: 'wombat.dev/v1alpha1',
    kind: 'Project',
    metadata: { name, namespace: 'default' },
    spec: {
      owner: 'group:default/team-payments',
      lifecycle: 'production',
      visibility: 'internal',
      members: [
        { member: 'user:default/maria', role: 'manager' },
        { member: 'group:default/auditors', role: 'viewer' },
      ],
      environments: [
        {
          name: 'dev',
          cluster: 'cluster:default/dev-eu',
          namespace: 'payments-dev',
        },
      ],
      ...spec,
    },
  };
}

/** A valid rancher Cluster, for tests to vary. */
export function makeCluster(
  spec: Partial<ClusterEntityV1alpha1['spec']> = {},
  name = 'dev-eu',
): ClusterEntityV1alpha1 {
  return {
    apiVersion: 'wombat.dev/v1alpha1',
    kind: 'Cluster',
    metadata: { name, namespace: 'default' },
    spec: {
      owner: 'group:default/platform',
      type: 'rancher',
      environment: 'development',
      rancher: { instance: 'default', clusterId: 'c-m-abc12' },
      ...spec,
    },
  };
}

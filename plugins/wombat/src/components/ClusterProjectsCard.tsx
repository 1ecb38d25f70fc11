import {
  CompoundEntityRef,
  getCompoundEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import {
  EntityInfoCard,
  EntityRefLink,
  useEntity,
  useRelatedEntities,
} from '@backstage/plugin-catalog-react';
import { Cell, CellText, ColumnConfig, Text } from '@backstage/ui';
import {
  CLUSTER_KIND,
  PROJECT_KIND,
  ProjectEntityV1alpha1,
  RELATION_DEPLOYMENT_TARGET_OF,
} from '@wombat/plugin-wombat-common';
import { SimpleTable } from './SimpleTable';
import { resolveRef } from './resolveRef';

type DeploymentRow = {
  id: string;
  project: CompoundEntityRef;
  title?: string;
  environment: string;
  namespace: string;
};

const columns: ColumnConfig<DeploymentRow>[] = [
  {
    id: 'project',
    label: 'Project',
    isRowHeader: true,
    cell: row => (
      <Cell>
        <EntityRefLink entityRef={row.project} title={row.title} />
      </Cell>
    ),
  },
  {
    id: 'environment',
    label: 'Environment',
    cell: row => <CellText title={row.environment} />,
  },
  {
    id: 'namespace',
    label: 'Namespace',
    cell: row => <CellText title={row.namespace} />,
  },
];

/** The projects with an environment on this cluster, and their namespaces. */
export function ClusterProjectsCard() {
  const { entity } = useEntity();
  const { entities, loading, error } = useRelatedEntities(entity, {
    type: RELATION_DEPLOYMENT_TARGET_OF,
    kind: PROJECT_KIND,
  });
  const self = stringifyEntityRef(entity);
  const rows = ((entities ?? []) as ProjectEntityV1alpha1[]).flatMap(project =>
    (project.spec.environments ?? [])
      .filter(
        environment =>
          stringifyEntityRef(
            resolveRef(environment.cluster, project, CLUSTER_KIND),
          ) === self,
      )
      .map(environment => ({
        id: `${stringifyEntityRef(project)}/${environment.name}`,
        project: getCompoundEntityRef(project),
        title: project.metadata.title,
        environment: environment.name,
        namespace: environment.namespace,
      })),
  );
  return (
    <EntityInfoCard title="Projects on this cluster">
      <SimpleTable
        columns={columns}
        rows={rows}
        loading={loading}
        error={error}
        emptyState={<Text as="p">No project has an environment here.</Text>}
      />
    </EntityInfoCard>
  );
}

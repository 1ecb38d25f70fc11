import { CompoundEntityRef } from '@backstage/catalog-model';
import {
  EntityInfoCard,
  EntityRefLink,
  useEntity,
} from '@backstage/plugin-catalog-react';
import { Cell, CellText, ColumnConfig, Text } from '@backstage/ui';
import {
  CLUSTER_KIND,
  ProjectEntityV1alpha1,
} from '@wombat/plugin-wombat-common';
import { SimpleTable } from './SimpleTable';
import { resolveRef } from './resolveRef';

type EnvironmentRow = {
  id: string;
  name: string;
  cluster: CompoundEntityRef;
  namespace: string;
};

const columns: ColumnConfig<EnvironmentRow>[] = [
  {
    id: 'name',
    label: 'Environment',
    isRowHeader: true,
    cell: row => <CellText title={row.name} />,
  },
  {
    id: 'cluster',
    label: 'Cluster',
    cell: row => (
      <Cell>
        <EntityRefLink entityRef={row.cluster} />
      </Cell>
    ),
  },
  {
    id: 'namespace',
    label: 'Namespace',
    cell: row => <CellText title={row.namespace} />,
  },
];

/** Where the project runs: each environment's cluster and namespace. */
export function ProjectEnvironmentsCard() {
  const { entity } = useEntity<ProjectEntityV1alpha1>();
  const rows = (entity.spec.environments ?? []).map(environment => ({
    id: environment.name,
    name: environment.name,
    cluster: resolveRef(environment.cluster, entity, CLUSTER_KIND),
    namespace: environment.namespace,
  }));
  return (
    <EntityInfoCard title="Environments">
      <SimpleTable
        columns={columns}
        rows={rows}
        emptyState={
          <Text as="p">This project has no environments on any cluster.</Text>
        }
      />
    </EntityInfoCard>
  );
}

import {
  EntityInfoCard,
  EntityRefLink,
  useEntity,
} from '@backstage/plugin-catalog-react';
import { Cell, CellText, ColumnConfig, Text } from '@backstage/ui';
import {
  PROJECT_ROLE_RANK,
  ProjectEntityV1alpha1,
  ProjectRole,
  projectGrants,
} from '@wombat/plugin-wombat-common';
import { CompoundEntityRef, parseEntityRef } from '@backstage/catalog-model';
import { SimpleTable } from './SimpleTable';

type MemberRow = {
  id: string;
  ref: CompoundEntityRef;
  role: ProjectRole;
  note?: string;
};

const columns: ColumnConfig<MemberRow>[] = [
  {
    id: 'member',
    label: 'Member',
    isRowHeader: true,
    cell: row => (
      <Cell>
        <EntityRefLink entityRef={row.ref} />
      </Cell>
    ),
  },
  {
    id: 'kind',
    label: 'Kind',
    cell: row => <CellText title={row.ref.kind.toLocaleLowerCase('en-US')} />,
  },
  {
    id: 'role',
    label: 'Role',
    cell: row => <CellText title={row.role} description={row.note} />,
  },
];

/**
 * The project's members with their roles, most powerful first, as Wombat's
 * project model grants them: the owner as a manager, each member once with
 * its highest role.
 */
export function ProjectMembersCard() {
  const { entity } = useEntity<ProjectEntityV1alpha1>();
  const rows: MemberRow[] = projectGrants(entity)
    .map(grant => ({
      id: grant.subject,
      ref: parseEntityRef(grant.subject),
      role: grant.role,
      note: grant.isOwner ? 'owner' : undefined,
    }))
    .sort((a, b) => PROJECT_ROLE_RANK[b.role] - PROJECT_ROLE_RANK[a.role]);

  return (
    <EntityInfoCard title="Members">
      <SimpleTable
        columns={columns}
        rows={rows}
        emptyState={<Text as="p">No members.</Text>}
      />
    </EntityInfoCard>
  );
}

import {
  EntityInfoCard,
  EntityRefLink,
  useEntity,
} from '@backstage/plugin-catalog-react';
import { Cell, CellText, ColumnConfig, Text } from '@backstage/ui';
import {
  PROJECT_ROLES,
  ProjectEntityV1alpha1,
  ProjectRole,
} from '@wombat/plugin-wombat-common';
import { CompoundEntityRef } from '@backstage/catalog-model';
import { SimpleTable } from './SimpleTable';
import { resolveRef } from './resolveRef';

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
 * The project's members with their roles, most powerful first. The owner is
 * listed as a manager, which is what it is for the permission policy.
 */
export function ProjectMembersCard() {
  const { entity } = useEntity<ProjectEntityV1alpha1>();
  const rows: MemberRow[] = [
    {
      id: `owner:${entity.spec.owner}`,
      ref: resolveRef(entity.spec.owner, entity, 'group'),
      role: 'manager' as const,
      note: 'owner',
    },
    ...(entity.spec.members ?? []).map(({ member, role }) => ({
      id: member,
      ref: resolveRef(member, entity),
      role,
    })),
  ].sort(
    (a, b) => PROJECT_ROLES.indexOf(a.role) - PROJECT_ROLES.indexOf(b.role),
  );

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

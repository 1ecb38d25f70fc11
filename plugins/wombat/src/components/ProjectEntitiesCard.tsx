import {
  EntityColumnConfig,
  EntityRelationCard,
  entityDataTableColumns,
} from '@backstage/plugin-catalog-react/alpha';
import { CellText } from '@backstage/ui';
import { RELATION_PROJECT_HAS_PART } from '@wombat/plugin-wombat-common';

const columns: EntityColumnConfig[] = [
  entityDataTableColumns.createEntityRefColumn({}),
  {
    id: 'kind',
    label: 'Kind',
    cell: entity => <CellText title={entity.kind} />,
  },
  entityDataTableColumns.createSpecTypeColumn(),
  entityDataTableColumns.createOwnerColumn(),
  entityDataTableColumns.createMetadataDescriptionColumn(),
];

/** Components, resources and anything else annotated with this project. */
export function ProjectEntitiesCard() {
  return (
    <EntityRelationCard
      title="Belongs to this project"
      relationType={RELATION_PROJECT_HAS_PART}
      columnConfig={columns}
      emptyState={{
        message:
          'Nothing belongs to this project yet. Annotate an entity with wombat.dev/project to add it.',
      }}
    />
  );
}

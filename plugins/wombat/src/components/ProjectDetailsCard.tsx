import {
  EntityInfoCard,
  EntityRefLink,
  useEntity,
} from '@backstage/plugin-catalog-react';
import { Text } from '@backstage/ui';
import {
  ProjectEntityV1alpha1,
  getProjectVisibility,
} from '@wombat/plugin-wombat-common';
import { DetailField, DetailFields } from './DetailFields';
import { resolveRef } from './resolveRef';

const visibilityHelp = {
  internal: 'Everyone signed in can see it',
  private: 'Only its members and admins can see it and what belongs to it',
};

/** Owner, lifecycle, visibility and size of a Project at a glance. */
export function ProjectDetailsCard() {
  const { entity } = useEntity<ProjectEntityV1alpha1>();
  const visibility = getProjectVisibility(entity);
  return (
    <EntityInfoCard title="Project">
      <DetailFields>
        <DetailField label="Owner">
          <EntityRefLink
            entityRef={resolveRef(entity.spec.owner, entity, 'group')}
          />
        </DetailField>
        <DetailField label="Lifecycle">{entity.spec.lifecycle}</DetailField>
        <DetailField label="Visibility">
          {visibility}
          <Text as="p" variant="body-small" color="secondary">
            {visibilityHelp[visibility]}
          </Text>
        </DetailField>
        <DetailField label="Members">
          {entity.spec.members?.length ?? 0}
        </DetailField>
        <DetailField label="Environments">
          {(entity.spec.environments ?? []).map(e => e.name).join(', ') ||
            'none'}
        </DetailField>
      </DetailFields>
    </EntityInfoCard>
  );
}

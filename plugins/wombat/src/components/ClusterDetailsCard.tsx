import {
  EntityInfoCard,
  EntityRefLink,
  useEntity,
} from '@backstage/plugin-catalog-react';
import { ClusterEntityV1alpha1 } from '@wombat/plugin-wombat-common';
import { DetailField, DetailFields } from './DetailFields';
import { resolveRef } from './resolveRef';

/** Type, environment, owner and Rancher coordinates of a Cluster. */
export function ClusterDetailsCard() {
  const { entity } = useEntity<ClusterEntityV1alpha1>();
  const { rancher } = entity.spec;
  return (
    <EntityInfoCard title="Cluster">
      <DetailFields>
        <DetailField label="Type">{entity.spec.type}</DetailField>
        <DetailField label="Environment">{entity.spec.environment}</DetailField>
        <DetailField label="Owner">
          <EntityRefLink
            entityRef={resolveRef(entity.spec.owner, entity, 'group')}
          />
        </DetailField>
        {rancher && (
          <>
            <DetailField label="Rancher instance">
              {rancher.instance ?? 'default'}
            </DetailField>
            <DetailField label="Rancher cluster id">
              {rancher.clusterId}
            </DetailField>
          </>
        )}
      </DetailFields>
    </EntityInfoCard>
  );
}

import { Entity } from '@backstage/catalog-model';
import { getEntityProjectRef } from './projectRef';

function component(project?: string, namespace?: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: 'payments-api',
      namespace,
      annotations: project ? { 'wombat.dev/project': project } : {},
    },
    spec: {},
  };
}

describe('getEntityProjectRef', () => {
  it('is undefined without the annotation', () => {
    expect(getEntityProjectRef(component())).toBeUndefined();
  });

  it('resolves a bare name in the entity namespace', () => {
    expect(getEntityProjectRef(component('payments', 'team-a'))).toEqual({
      kind: 'Project',
      namespace: 'team-a',
      name: 'payments',
    });
    expect(getEntityProjectRef(component('payments'))).toEqual({
      kind: 'Project',
      namespace: 'default',
      name: 'payments',
    });
  });

  it('accepts a full reference', () => {
    expect(getEntityProjectRef(component('project:other/payments'))).toEqual({
      kind: 'project',
      namespace: 'other',
      name: 'payments',
    });
  });

  it('rejects a reference to another kind', () => {
    expect(() => getEntityProjectRef(component('group:default/x'))).toThrow(
      'metadata.annotations["wombat.dev/project"] "group:default/x" is not a Project reference (kind group)',
    );
  });
});

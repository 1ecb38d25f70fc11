import {
  getProjectVisibility,
  isClusterEntity,
  isProjectEntity,
} from './guards';
import { makeCluster, makeProject } from './testEntities';

describe('kind guards', () => {
  it('tells projects and clusters apart from each other and from other kinds', () => {
    expect(isProjectEntity(makeProject())).toBe(true);
    expect(isProjectEntity(makeCluster())).toBe(false);
    expect(isClusterEntity(makeCluster())).toBe(true);
    expect(isClusterEntity(makeProject())).toBe(false);
    expect(
      isProjectEntity({
        ...makeProject(),
        apiVersion: 'backstage.io/v1alpha1',
      }),
    ).toBe(false);
  });

  it('defaults visibility to internal', () => {
    const project = makeProject();
    delete project.spec.visibility;
    expect(getProjectVisibility(project)).toBe('internal');
    expect(getProjectVisibility(makeProject({ visibility: 'private' }))).toBe(
      'private',
    );
  });
});

import { mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { TaskEntityReader } from './TaskEntityReader';

const project = {
  apiVersion: 'wombat.dev/v1alpha1',
  kind: 'Project',
  metadata: { name: 'payments', namespace: 'default' },
  spec: { owner: 'group:default/team-payments', lifecycle: 'production' },
};

describe('TaskEntityReader', () => {
  it('reads an entity once per task, for a minute at most, and every time without a task', async () => {
    let now = 0;
    const catalog = catalogServiceMock.mock({
      getEntityByRef: jest.fn().mockResolvedValue(project),
    });
    const reader = new TaskEntityReader(
      catalog,
      mockServices.auth(),
      () => now,
    );
    const ref = 'project:default/payments';
    await reader.read(ref, 'task-1');
    await reader.read(ref, 'task-1');
    expect(catalog.getEntityByRef).toHaveBeenCalledTimes(1);
    await reader.read(ref, 'task-2');
    expect(catalog.getEntityByRef).toHaveBeenCalledTimes(2);
    now += 61_000;
    await expect(reader.read(ref, 'task-1')).resolves.toBe(project);
    expect(catalog.getEntityByRef).toHaveBeenCalledTimes(3);
    await reader.read(ref);
    await reader.read(ref);
    expect(catalog.getEntityByRef).toHaveBeenCalledTimes(5);
  });

  it('does not remember a failed read', async () => {
    const catalog = catalogServiceMock.mock({
      getEntityByRef: jest
        .fn()
        .mockRejectedValueOnce(new Error('catalog unavailable'))
        .mockResolvedValue(project),
    });
    const reader = new TaskEntityReader(catalog, mockServices.auth());
    await expect(
      reader.read('project:default/payments', 'task-1'),
    ).rejects.toThrow('catalog unavailable');
    await expect(
      reader.read('project:default/payments', 'task-1'),
    ).resolves.toBe(project);
  });
});

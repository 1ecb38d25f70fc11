import { mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { payments } from '../__testUtils__/org';
import { ProjectDirectoryLoader } from './ProjectDirectoryLoader';

describe('ProjectDirectoryLoader', () => {
  it('offers no directory before the first read and once the last good read is too old', async () => {
    let now = 1_000_000;
    const catalog = catalogServiceMock.mock({
      getEntities: jest.fn().mockResolvedValue({ items: [payments] }),
    });
    const loader = new ProjectDirectoryLoader(
      catalog,
      mockServices.auth(),
      mockServices.logger.mock(),
      60,
      () => now,
    );
    expect(loader.current()).toBeUndefined();
    await loader.refresh();
    expect(loader.current()?.size).toBe(1);

    // The catalog fails from now on: the old directory is kept a minute, not
    // for ever.
    jest
      .spyOn(catalog, 'getEntities')
      .mockRejectedValue(new Error('catalog unavailable'));
    now += 59_000;
    await expect(loader.refresh()).rejects.toThrow('catalog unavailable');
    expect(loader.current()?.size).toBe(1);
    now += 2_000;
    expect(loader.current()).toBeUndefined();
  });
});

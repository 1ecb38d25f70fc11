import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { scaffolderModuleWombatHarbor } from './module';

describe('scaffolderModuleWombatHarbor', () => {
  it('registers the three actions, checked against the catalog and the allow-list', async () => {
    const addActions = jest.fn();
    await startTestBackend({
      extensionPoints: [[scaffolderActionsExtensionPoint, { addActions }]],
      features: [
        scaffolderModuleWombatHarbor,
        catalogServiceMock.factory(),
        mockServices.rootConfig.factory({
          data: {
            wombat: {
              harbor: {
                instances: [
                  {
                    name: 'default',
                    url: 'https://harbor.example.com',
                    username: 'admin',
                    password: 'Harbor12345',
                  },
                ],
                webhooks: { allowedTargets: ['https://hooks.example.com/'] },
              },
            },
          },
        }),
      ],
    });
    expect(addActions.mock.calls.flat().map(a => a.id)).toEqual([
      'harbor:project:create',
      'harbor:robot:create',
      'harbor:webhook:create',
    ]);
  });

  it('does not start with an allow-list entry that is not an address', async () => {
    await expect(
      startTestBackend({
        extensionPoints: [
          [scaffolderActionsExtensionPoint, { addActions: jest.fn() }],
        ],
        features: [
          scaffolderModuleWombatHarbor,
          catalogServiceMock.factory(),
          mockServices.rootConfig.factory({
            data: {
              wombat: { harbor: { webhooks: { allowedTargets: ['hooks'] } } },
            },
          }),
        ],
      }),
    ).rejects.toThrow('wombat.harbor.webhooks.allowedTargets[0] "hooks"');
  });
});

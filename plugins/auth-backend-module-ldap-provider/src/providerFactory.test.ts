import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { createLdapProviderFactory } from './providerFactory';

type ConfigData = NonNullable<ConstructorParameters<typeof ConfigReader>[0]>;

function create(config: ConfigData, defaultEnvironment?: string) {
  return createLdapProviderFactory({ defaultEnvironment })({
    providerId: 'ldap',
    config: new ConfigReader(config),
    logger: mockServices.logger.mock(),
    resolverContext: {} as any,
    baseUrl: 'http://localhost:7007/api/auth',
    appUrl: 'http://localhost:3000',
    isOriginAllowed: () => true,
    globalConfig: {
      baseUrl: 'http://localhost:7007/api/auth',
      appUrl: 'http://localhost:3000',
      isOriginAllowed: () => true,
    },
  });
}

const env = {
  url: 'ldap://127.0.0.1:1',
  searchBase: 'dc=acme,dc=example',
  signIn: { resolvers: [{ resolver: 'usernameMatchingUserEntityName' }] },
};

describe('createLdapProviderFactory', () => {
  it('accepts one config per environment', () => {
    expect(() => create({ development: env, production: env })).not.toThrow();
  });

  it('explains that the config is keyed by environment', () => {
    expect(() => create(env)).toThrow(
      'auth.providers.ldap must be keyed by environment, e.g. auth.providers.ldap.development.url',
    );
  });

  it('needs a sign-in resolver, and one it knows', () => {
    expect(() =>
      create({ development: { ...env, signIn: undefined } }),
    ).toThrow(/No sign-in resolver configured/);
    expect(() =>
      create({
        development: { ...env, signIn: { resolvers: [{ resolver: 'nope' }] } },
      }),
    ).toThrow("Sign-in resolver 'nope' is not available");
  });

  it('checks each environment when the backend starts', () => {
    expect(() =>
      create({ development: env, production: { ...env, url: 'dc1:389' } }),
    ).toThrow(/must be ldap:\/\/host/);
  });

  it.each(['refresh', 'logout'] as const)(
    'serves only the environment of auth.environment on /%s',
    async route => {
      const provider = create(
        { development: env, production: env },
        'production',
      );
      const call = (query: Record<string, string>) =>
        provider[route]!(
          { query, header: () => 'XMLHttpRequest' } as any,
          { setHeader: jest.fn() } as any,
        );
      await expect(call({ env: 'development' })).rejects.toMatchObject({
        name: 'NotFoundError',
        message:
          "No configuration available for the 'development' environment of this provider.",
      });
      await expect(call({ env: 'staging' })).rejects.toMatchObject({
        name: 'NotFoundError',
        message:
          "No configuration available for the 'staging' environment of this provider.",
      });
    },
  );
});

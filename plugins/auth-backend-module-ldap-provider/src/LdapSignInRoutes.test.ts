import { mockServices } from '@backstage/backend-test-utils';
import { NotFoundError } from '@backstage/errors';
import { INVALID_CREDENTIALS_MESSAGE, invalidCredentials } from './errors';
import { LdapCredentialsVerifier } from './LdapCredentialsVerifier';
import { LdapSignInRoutes } from './LdapSignInRoutes';
import { RefreshCookie } from './RefreshCookie';

const result = {
  dn: 'uid=carl,ou=contractors,dc=acme,dc=example',
  username: 'carl',
  searchAttribute: 'uid',
  attributes: {},
};

function setup(signInResolver: jest.Mock) {
  const pending = {
    result,
    accept: jest.fn(async () => {}),
    reject: jest.fn(async () => {}),
    abandon: jest.fn(async () => {}),
  };
  const verifier = {
    check: jest.fn(async () => pending),
  } as unknown as LdapCredentialsVerifier;
  const logger = mockServices.logger.mock();
  const auditEvent = { success: jest.fn(), fail: jest.fn() };
  const auditor = mockServices.auditor.mock({
    createEvent: jest.fn(async () => auditEvent) as any,
  });
  const routes = new LdapSignInRoutes({
    environment: 'production',
    verifier,
    refreshCookie: RefreshCookie.create({
      providerId: 'ldap',
      environment: 'production',
      authBaseUrl: 'http://localhost:7007/api/auth',
      maxAgeSeconds: 60,
    }),
    signInResolver,
    profileTransform: async () => ({ profile: {} }),
    resolverContext: {} as any,
    logger,
    auditor,
  });
  const res: Record<string, jest.Mock> = {
    cookie: jest.fn(),
    clearCookie: jest.fn(),
    setHeader: jest.fn(),
    json: jest.fn(),
  };
  res.status = jest.fn(() => res);
  const req = {
    ip: '192.0.2.1',
    cookies: {},
    header: (name: string) =>
      ({
        'x-requested-with': 'XMLHttpRequest',
        authorization: `Basic ${Buffer.from('carl:carl-password').toString(
          'base64',
        )}`,
      }[name.toLowerCase()]),
  };
  return { routes, pending, logger, auditEvent, req: req as any, res };
}

describe('LdapSignInRoutes', () => {
  it('answers a right password without catalog user like a wrong one, and logs and audits why', async () => {
    const { routes, pending, logger, auditEvent, req, res } = setup(
      jest.fn().mockRejectedValue(new NotFoundError('User not found')),
    );
    const error = await routes.refresh(req, res as any).catch(e => e);
    expect(error).toMatchObject({
      name: 'AuthenticationError',
      message: INVALID_CREDENTIALS_MESSAGE,
    });
    // Nothing more than the refusal of a wrong password carries.
    expect(error).toEqual(invalidCredentials());
    expect(Object.keys(error)).toEqual(Object.keys(invalidCredentials()));
    expect(error.stack).toBe(invalidCredentials().stack);
    expect(pending.reject).toHaveBeenCalled();
    expect(pending.accept).not.toHaveBeenCalled();
    expect(res.cookie).not.toHaveBeenCalled();
    expect(res.json).not.toHaveBeenCalled();
    expect(logger.info).toHaveBeenCalledWith(
      'LDAP sign-in refused: the directory accepted the password of uid=carl,ou=contractors,dc=acme,dc=example, but no catalog user matches',
      { environment: 'production' },
    );
    expect(auditEvent.fail).toHaveBeenCalledWith({
      error: expect.objectContaining({
        message: expect.stringContaining('no catalog user matches'),
      }),
    });
  });

  it('does not count a sign-in that failed for another reason', async () => {
    const { routes, pending, req, res } = setup(
      jest
        .fn()
        .mockRejectedValue(
          Object.assign(new Error('catalog down'), { name: 'ResponseError' }),
        ),
    );
    await expect(routes.refresh(req, res as any)).rejects.toThrow(
      'catalog down',
    );
    expect(pending.abandon).toHaveBeenCalled();
    expect(pending.reject).not.toHaveBeenCalled();
  });

  it('accepts the sign-in and sets the refresh cookie once a catalog user is found', async () => {
    const { routes, pending, auditEvent, req, res } = setup(
      jest.fn().mockResolvedValue({
        token: `e30.${Buffer.from(
          JSON.stringify({ sub: 'user:default/carl', exp: 2e9 }),
        ).toString('base64url')}.signature`,
      }),
    );
    await routes.refresh(req, res as any);
    expect(pending.accept).toHaveBeenCalled();
    expect(res.cookie).toHaveBeenCalledWith(
      'ldap-refresh-token',
      expect.any(String),
      expect.objectContaining({ httpOnly: true, sameSite: 'strict' }),
    );
    expect(res.status).toHaveBeenCalledWith(200);
    expect(auditEvent.success).toHaveBeenCalled();
  });
});

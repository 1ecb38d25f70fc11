import {
  registerMswTestHooks,
  renderInTestApp,
} from '@backstage/frontend-test-utils';
import type { IdentityApi } from '@backstage/frontend-plugin-api';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { LdapSignInPage } from './LdapSignInPage';

const AUTH = 'http://localhost:7007/api/auth';

function tokenFor(sub: string, expiresInSeconds = 3600) {
  const part = (value: object) =>
    Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'ES256' })}.${part({
    sub,
    exp: Math.floor(Date.now() / 1000) + expiresInSeconds,
  })}.signature`;
}

function session(user: string, groups: string[]) {
  return {
    profile: { displayName: 'Jane Doe', email: `${user}@acme.example` },
    backstageIdentity: {
      token: tokenFor(`user:default/${user}`),
      expiresInSeconds: 3600,
      identity: {
        type: 'user',
        userEntityRef: `user:default/${user}`,
        ownershipEntityRefs: [`user:default/${user}`, ...groups],
      },
    },
  };
}

function errorBody(name: string, message: string, statusCode: number) {
  return { error: { name, message }, response: { statusCode } };
}

const server = setupServer();
registerMswTestHooks(server);

const requests: Request[] = [];

function ldapEndpoint() {
  return http.get(`${AUTH}/ldap/refresh`, ({ request }) => {
    requests.push(request.clone());
    const authorization = request.headers.get('authorization') ?? '';
    const [user, password] = Buffer.from(
      authorization.replace(/^Basic /, ''),
      'base64',
    )
      .toString('utf8')
      .split(':');
    if (request.headers.get('x-requested-with') !== 'XMLHttpRequest') {
      return HttpResponse.json(
        errorBody(
          'AuthenticationError',
          'Invalid X-Requested-With header',
          401,
        ),
        { status: 401 },
      );
    }
    if (user === 'raj') {
      return HttpResponse.json(
        errorBody('TooManySignInAttemptsError', 'Too many', 429),
        { status: 429, headers: { 'Retry-After': '240' } },
      );
    }
    if (user === 'down') {
      return HttpResponse.json(
        errorBody('ServiceUnavailableError', 'unavailable', 503),
        { status: 503 },
      );
    }
    if (user === 'jdoe' && password === 'jdoe-pässword') {
      return HttpResponse.json(
        session('jdoe', ['group:default/team-payments']),
      );
    }
    // A renewal: the backend reads its refresh cookie.
    if (!authorization) {
      return HttpResponse.json(
        session('jdoe', ['group:default/team-payments']),
      );
    }
    return HttpResponse.json(
      errorBody('AuthenticationError', 'Invalid username or password', 401),
      { status: 401 },
    );
  });
}

const logouts: Request[] = [];

function ldapLogout() {
  return http.post(`${AUTH}/ldap/logout`, ({ request }) => {
    logouts.push(request.clone());
    return new HttpResponse(null, { status: 200 });
  });
}

const config = {
  app: { title: 'Wombat' },
  backend: { baseUrl: 'http://localhost:7007' },
};

async function submit(username: string, password: string) {
  fireEvent.change(await screen.findByLabelText('Username'), {
    target: { value: username },
  });
  fireEvent.change(screen.getByLabelText('Password'), {
    target: { value: password },
  });
  fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
}

describe('LdapSignInPage', () => {
  beforeEach(() => window.localStorage.clear());

  beforeEach(() => {
    requests.length = 0;
    logouts.length = 0;
    server.use(ldapEndpoint(), ldapLogout());
  });

  afterEach(() => jest.restoreAllMocks());

  it('signs in with the username and password and hands over the identity', async () => {
    const onSignInSuccess = jest.fn();
    renderInTestApp(<LdapSignInPage onSignInSuccess={onSignInSuccess} />, {
      config,
    });

    await submit('jdoe', 'jdoe-pässword');

    await waitFor(() => expect(onSignInSuccess).toHaveBeenCalledTimes(1));
    const identity: IdentityApi = onSignInSuccess.mock.calls[0][0];
    await expect(identity.getBackstageIdentity()).resolves.toEqual({
      type: 'user',
      userEntityRef: 'user:default/jdoe',
      ownershipEntityRefs: ['user:default/jdoe', 'group:default/team-payments'],
    });
    await expect(identity.getProfileInfo()).resolves.toEqual({
      displayName: 'Jane Doe',
      email: 'jdoe@acme.example',
    });
    const { token } = await identity.getCredentials();
    expect(token).toMatch(/^[\w-]+\.[\w-]+\.signature$/);

    expect(requests).toHaveLength(1);
    expect(new URL(requests[0].url).searchParams.get('env')).toBe(
      'development',
    );
    expect(requests[0].headers.get('x-requested-with')).toBe('XMLHttpRequest');
  });

  it('sends the password once: renewals go without it, and sign-out ends the session', async () => {
    const onSignInSuccess = jest.fn();
    renderInTestApp(<LdapSignInPage onSignInSuccess={onSignInSuccess} />, {
      config,
    });

    await submit('jdoe', 'jdoe-pässword');
    // The field does not keep it while the sign-in runs.
    expect(screen.getByLabelText('Password')).toHaveValue('');
    await waitFor(() => expect(onSignInSuccess).toHaveBeenCalledTimes(1));
    const identity: IdentityApi = onSignInSuccess.mock.calls[0][0];
    expect(requests).toHaveLength(1);
    expect(requests[0].headers.get('authorization')).toMatch(/^Basic /);

    // Shortly before the token expires, the session is renewed.
    const signedInAt = Date.now();
    jest.spyOn(Date, 'now').mockReturnValue(signedInAt + 56 * 60 * 1000);
    await expect(identity.getCredentials()).resolves.toEqual({
      token: expect.any(String),
    });
    expect(requests).toHaveLength(2);
    expect(requests[1].headers.get('authorization')).toBeNull();
    expect(requests[1].headers.get('x-requested-with')).toBe('XMLHttpRequest');

    await identity.signOut();
    expect(logouts).toHaveLength(1);
    expect(new URL(logouts[0].url).searchParams.get('env')).toBe('development');
    expect(logouts[0].headers.get('x-requested-with')).toBe('XMLHttpRequest');
    await expect(identity.getCredentials()).resolves.toEqual({});
    await expect(identity.getBackstageIdentity()).rejects.toThrow('Signed out');
    expect(requests).toHaveLength(2);
  });

  it('shows "Wrong username or password" on 401 and does not sign in', async () => {
    const onSignInSuccess = jest.fn();
    renderInTestApp(<LdapSignInPage onSignInSuccess={onSignInSuccess} />, {
      config,
    });

    await submit('jdoe', 'not-her-password');

    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Wrong username or password.',
    );
    expect(screen.getByLabelText('Password')).toHaveValue('');
    expect(screen.getByLabelText('Username')).toHaveValue('jdoe');
    expect(onSignInSuccess).not.toHaveBeenCalled();
  });

  it('explains 429 with the wait and 503 as an outage', async () => {
    renderInTestApp(<LdapSignInPage onSignInSuccess={jest.fn()} />, {
      config,
    });

    await submit('raj', 'guess');
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Too many failed sign-in attempts. Try again in 4 minutes.',
    );

    await submit('down', 'whatever');
    await waitFor(() =>
      expect(screen.getByRole('alert')).toHaveTextContent(
        'The directory cannot be reached right now.',
      ),
    );
  });

  it('asks for both fields before calling the backend', async () => {
    renderInTestApp(<LdapSignInPage onSignInSuccess={jest.fn()} />, {
      config,
    });

    await submit('jdoe', '');

    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Enter your username and password.',
    );
    expect(requests).toHaveLength(0);
  });

  it('offers the guest sign-in in development only', async () => {
    server.use(
      http.get(`${AUTH}/guest/refresh`, () =>
        HttpResponse.json(session('guest', [])),
      ),
    );
    const onSignInSuccess = jest.fn();
    const dev = renderInTestApp(
      <LdapSignInPage onSignInSuccess={onSignInSuccess} />,
      { config },
    );
    fireEvent.click(await screen.findByRole('button', { name: 'Enter' }));
    await waitFor(() => expect(onSignInSuccess).toHaveBeenCalledTimes(1));
    await expect(
      onSignInSuccess.mock.calls[0][0].getBackstageIdentity(),
    ).resolves.toMatchObject({ userEntityRef: 'user:default/guest' });
    dev.unmount();

    renderInTestApp(<LdapSignInPage onSignInSuccess={jest.fn()} />, {
      config: { ...config, auth: { environment: 'production' } },
    });
    expect(await screen.findByLabelText('Username')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Enter' })).toBeNull();
  });

  it('sends the configured auth environment', async () => {
    renderInTestApp(<LdapSignInPage onSignInSuccess={jest.fn()} />, {
      config: { ...config, auth: { environment: 'production' } },
    });
    await submit('jdoe', 'wrong');
    await screen.findByRole('alert');
    expect(new URL(requests[0].url).searchParams.get('env')).toBe('production');
  });

  it('signs a guest who chose the guest before in again, until they sign out', async () => {
    server.use(
      http.get(`${AUTH}/guest/refresh`, () =>
        HttpResponse.json(session('guest', [])),
      ),
    );
    const first = jest.fn();
    const view = renderInTestApp(<LdapSignInPage onSignInSuccess={first} />, {
      config,
    });
    fireEvent.click(await screen.findByRole('button', { name: 'Enter' }));
    await waitFor(() => expect(first).toHaveBeenCalledTimes(1));
    view.unmount();

    // A reload: no click needed.
    const second = jest.fn();
    const reloaded = renderInTestApp(
      <LdapSignInPage onSignInSuccess={second} />,
      { config },
    );
    await waitFor(() => expect(second).toHaveBeenCalledTimes(1));
    await second.mock.calls[0][0].signOut();
    reloaded.unmount();

    const third = jest.fn();
    renderInTestApp(<LdapSignInPage onSignInSuccess={third} />, { config });
    expect(
      await screen.findByRole('button', { name: 'Enter' }),
    ).toBeInTheDocument();
    expect(third).not.toHaveBeenCalled();
  });
});

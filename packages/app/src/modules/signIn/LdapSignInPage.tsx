import { Content, Header, InfoCard, Page } from '@backstage/core-components';
import {
  configApiRef,
  discoveryApiRef,
  useApi,
} from '@backstage/frontend-plugin-api';
import type { SignInPageProps } from '@backstage/plugin-app-react';
import { Button, Grid, TextField, Typography } from '@material-ui/core';
import { FormEvent, useCallback, useEffect, useState } from 'react';
import { ProxiedSessionIdentity } from './ProxiedSessionIdentity';
import {
  basicAuthorization,
  endProxiedSession,
  fetchProxiedSession,
} from './proxiedSession';
import { isGuestRemembered, rememberGuest } from './rememberedGuest';

type SignInWith = (
  provider: string,
  headers?: Record<string, string>,
) => Promise<void>;

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function LdapSignInCard(props: { signInWith: SignInWith }) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!username.trim() || !password) {
      setError('Enter your username and password.');
      return;
    }
    setBusy(true);
    setError(undefined);
    const authorization = basicAuthorization(username.trim(), password);
    // Sent once; what renews the session is the provider's refresh cookie.
    setPassword('');
    try {
      await props.signInWith('ldap', { Authorization: authorization });
    } catch (e) {
      setError(errorMessage(e));
      setBusy(false);
    }
  };

  return (
    <InfoCard title="Sign in" variant="fullHeight">
      <Typography variant="body1">
        Use your company account (LDAP username and password).
      </Typography>
      <form onSubmit={submit} noValidate aria-label="Sign in with LDAP">
        <TextField
          id="ldap-sign-in-username"
          label="Username"
          name="username"
          autoComplete="username"
          value={username}
          onChange={e => setUsername(e.target.value)}
          disabled={busy}
          margin="normal"
          fullWidth
        />
        <TextField
          id="ldap-sign-in-password"
          label="Password"
          name="password"
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={e => setPassword(e.target.value)}
          disabled={busy}
          margin="normal"
          fullWidth
        />
        {error && (
          <Typography role="alert" color="error" variant="body2">
            {error}
          </Typography>
        )}
        <Button
          type="submit"
          color="primary"
          variant="contained"
          disabled={busy}
          style={{ marginTop: 16 }}
        >
          {busy ? 'Signing in…' : 'Sign in'}
        </Button>
      </form>
    </InfoCard>
  );
}

function GuestSignInCard(props: { signInWith: SignInWith }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const enter = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await props.signInWith('guest');
      rememberGuest(true);
    } catch (e) {
      setError(errorMessage(e));
      setBusy(false);
    }
  };
  return (
    <InfoCard
      title="Guest"
      variant="fullHeight"
      actions={
        <Button
          color="primary"
          variant="outlined"
          onClick={enter}
          disabled={busy}
        >
          Enter
        </Button>
      }
    >
      <Typography variant="body1">
        Sign in as the development guest user. Only for local development.
      </Typography>
      {error && (
        <Typography role="alert" color="error" variant="body2">
          {error}
        </Typography>
      )}
    </InfoCard>
  );
}

/**
 * A sign-in page with a username and password form for the backend's `ldap`
 * provider, and, in development, the guest sign-in.
 *
 * `app.signIn.ldap` (default true) and `app.signIn.guest` (default: when
 * `auth.environment` is `development`, its default) choose what is shown.
 */
export function LdapSignInPage(props: SignInPageProps) {
  const { onSignInSuccess } = props;
  const configApi = useApi(configApiRef);
  const discoveryApi = useApi(discoveryApiRef);
  const environment =
    configApi.getOptionalString('auth.environment') ?? 'development';
  const showLdap = configApi.getOptionalBoolean('app.signIn.ldap') ?? true;
  const showGuest =
    configApi.getOptionalBoolean('app.signIn.guest') ??
    environment === 'development';

  const signInWith = useCallback<SignInWith>(
    async (provider, headers) => {
      const authBaseUrl = await discoveryApi.getBaseUrl('auth');
      const target = { authBaseUrl, provider, environment };
      const session = await fetchProxiedSession({ ...target, headers });
      // Renewals go without the sign-in headers: the password is not kept.
      onSignInSuccess(
        new ProxiedSessionIdentity({
          session,
          fetchSession: () => fetchProxiedSession(target),
          onSignOut: async () => {
            rememberGuest(false);
            if (provider === 'ldap') {
              await endProxiedSession(target);
            }
          },
        }),
      );
    },
    [discoveryApi, environment, onSignInSuccess],
  );

  // A guest who signed in before is signed in again after a reload.
  const [resuming, setResuming] = useState(
    () => showGuest && isGuestRemembered(),
  );
  useEffect(() => {
    if (!resuming) return;
    signInWith('guest').catch(() => {
      rememberGuest(false);
      setResuming(false);
    });
  }, [resuming, signInWith]);
  if (resuming) {
    return null;
  }

  return (
    <Page themeId="home">
      <Header title={configApi.getOptionalString('app.title') ?? 'Backstage'} />
      <Content>
        <Grid container spacing={2} justifyContent="center">
          {showLdap && (
            <Grid item xs={12} sm={8} md={5} lg={4}>
              <LdapSignInCard signInWith={signInWith} />
            </Grid>
          )}
          {showGuest && (
            <Grid item xs={12} sm={8} md={5} lg={4}>
              <GuestSignInCard signInWith={signInWith} />
            </Grid>
          )}
          {!showLdap && !showGuest && (
            <Typography role="alert" color="error">
              No sign-in method is enabled: set app.signIn.ldap or
              app.signIn.guest.
            </Typography>
          )}
        </Grid>
      </Content>
    </Page>
  );
}

import { createApp } from '@backstage/frontend-defaults';
import { render, screen } from '@testing-library/react';
import { signInModule } from './index';

describe('signInModule', () => {
  it('replaces the default sign-in page of the app', async () => {
    process.env = {
      NODE_ENV: 'test',
      APP_CONFIG: [
        {
          data: {
            app: { title: 'Wombat' },
            backend: { baseUrl: 'http://localhost:7007' },
          },
          context: 'test',
        },
      ] as any,
    };

    render(createApp({ features: [signInModule] }).createRoot());

    expect(await screen.findByLabelText('Username')).toBeInTheDocument();
    expect(screen.getByLabelText('Password')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Sign in' })).toBeInTheDocument();
    // The guest sign-in stays for local development, as before.
    expect(screen.getByText('Guest')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Enter' })).toBeInTheDocument();
  });
});

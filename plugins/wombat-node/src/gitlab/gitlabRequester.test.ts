import { ConfigReader } from '@backstage/config';
import { registerMswTestHooks } from '@backstage/backend-test-utils';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { GitLabClientFactory } from './GitLabClientFactory';
import { describeGitLabError } from './gitlabRequester';

const TOKEN = 'test-secret-token-0123456789';
const api = 'https://gitlab.example.com/api/v4';

const factory = GitLabClientFactory.fromConfig(
  new ConfigReader({
    integrations: {
      gitlab: [
        { host: 'gitlab.example.com', apiBaseUrl: api, token: TOKEN },
        {
          host: 'no-token.example.com',
          apiBaseUrl: 'https://no-token.example.com/api/v4',
        },
      ],
    },
  }),
  { retry: { baseDelayMs: 1 } },
);

describe('the GitLab requester', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  it('sends the token and URL-encoded paths, and parses JSON', async () => {
    server.use(
      http.get(`${api}/projects/:id`, ({ request, params }) => {
        expect(request.headers.get('private-token')).toBe(TOKEN);
        expect(new URL(request.url).pathname).toBe(
          '/api/v4/projects/platform%2Fpayments',
        );
        return HttpResponse.json({ id: 7, path_with_namespace: params.id });
      }),
    );
    const project = await factory
      .forHost('gitlab.example.com')
      .api.Projects.show('platform/payments');
    expect(project).toEqual({
      id: 7,
      path_with_namespace: 'platform/payments',
    });
  });

  it('reports a duplicate path, a 400 in GitLab, as a conflict', async () => {
    server.use(
      http.post(`${api}/projects`, () =>
        HttpResponse.json(
          {
            message: {
              name: ['has already been taken'],
              path: ['has already been taken'],
            },
          },
          { status: 400 },
        ),
      ),
    );
    const attempt = factory
      .forHost()
      .api.Projects.create({ name: 'payments', namespaceId: 3 });
    await expect(attempt).rejects.toMatchObject({
      name: 'ConflictError',
      message:
        'GitLab POST /api/v4/projects failed with 400: name has already been taken; path has already been taken',
    });
  });

  it.each([
    [401, 'AuthenticationError'],
    [403, 'NotAllowedError'],
    [404, 'NotFoundError'],
    [409, 'ConflictError'],
    [400, 'InputError'],
    [500, 'Error'],
  ])(
    'maps %i to %s, without the token in the message',
    async (status, name) => {
      server.use(
        http.get(`${api}/projects/:id`, () =>
          HttpResponse.json({ message: `${status} Something` }, { status }),
        ),
      );
      const error = await factory
        .forHost()
        .api.Projects.show(1)
        .catch(e => e);
      expect(error.name).toBe(name);
      expect(error.message).toBe(
        `GitLab GET /api/v4/projects/1 failed with ${status}: ${status} Something`,
      );
      expect(error.message).not.toContain(TOKEN);
    },
  );

  it('retries 429, 502 and 503, and nothing else', async () => {
    const statuses = [429, 502, 503, 200];
    let calls = 0;
    server.use(
      http.get(`${api}/projects/:id`, () => {
        const status = statuses[calls++];
        return status === 200
          ? HttpResponse.json({ id: 1 })
          : HttpResponse.json({ message: 'busy' }, { status });
      }),
    );
    await expect(factory.forHost().api.Projects.show(1)).resolves.toEqual({
      id: 1,
    });
    expect(calls).toBe(4);
  });

  it('says which hosts are configured when asked for another', () => {
    expect(() => factory.forHost('gitlab.other.com')).toThrow(
      'No GitLab integration for host gitlab.other.com in integrations.gitlab (configured: gitlab.example.com, no-token.example.com, gitlab.com)',
    );
    expect(() => factory.forHost('no-token.example.com')).toThrow(
      'has no token',
    );
  });

  it('describes the error bodies GitLab sends', () => {
    expect(describeGitLabError('{"message":"404 Project Not Found"}')).toBe(
      '404 Project Not Found',
    );
    expect(describeGitLabError('{"error":"invalid_token"}')).toBe(
      'invalid_token',
    );
    expect(describeGitLabError('<html>Bad Gateway</html>')).toBe(
      '<html>Bad Gateway</html>',
    );
  });
});

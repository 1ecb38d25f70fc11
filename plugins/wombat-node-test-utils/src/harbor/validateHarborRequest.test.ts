import { validateHarborRequest } from './validateHarborRequest';

describe('validateHarborRequest', () => {
  it('accepts bodies that match the swagger', () => {
    expect(
      validateHarborRequest('POST', '/projects', {
        project_name: 'team-a',
        metadata: { public: 'true', auto_scan: 'false' },
        storage_limit: -1,
      }),
    ).toEqual([]);
    expect(
      validateHarborRequest('post', '/api/v2.0/projects/team-a/members', {
        role_id: 2,
        member_user: { username: 'jdoe' },
      }),
    ).toEqual([]);
  });

  it('reports wrong types with their location', () => {
    expect(
      validateHarborRequest('POST', '/projects', {
        project_name: 42,
        metadata: { public: true },
      }),
    ).toEqual([
      'project.project_name in body must be of type string',
      'project.metadata.public in body must be of type string',
    ]);
    expect(
      validateHarborRequest('POST', '/robots', {
        name: 'ci',
        duration: '30',
        permissions: [
          { kind: 'project', namespace: 'p', access: [{ resource: 1 }] },
        ],
      }),
    ).toEqual([
      'robot.duration in body must be of type integer',
      'robot.permissions.0.access.0.resource in body must be of type string',
    ]);
  });

  it('applies the swagger constraints', () => {
    expect(
      validateHarborRequest('POST', '/projects', {
        project_name: 'a'.repeat(256),
      }),
    ).toEqual([
      'project.project_name in body must NOT have more than 255 characters',
    ]);
  });

  it('needs a body when the swagger requires one', () => {
    expect(validateHarborRequest('POST', '/projects', undefined)).toEqual([
      'project in body is required',
    ]);
    expect(
      validateHarborRequest('POST', '/projects/p/members', undefined),
    ).toEqual([]);
  });

  it('accepts null like Go decoding does', () => {
    expect(
      validateHarborRequest('POST', '/projects', {
        project_name: 'p',
        storage_limit: null,
      }),
    ).toEqual([]);
  });

  it('picks the operation by method and path template', () => {
    expect(validateHarborRequest('PATCH', '/robots/7', { secret: 5 })).toEqual([
      'robotSec.secret in body must be of type string',
    ]);
    expect(validateHarborRequest('GET', '/projects/p', undefined)).toEqual([]);
    expect(validateHarborRequest('POST', '/nothing/here', {})).toEqual([
      'no operation POST /nothing/here in the Harbor swagger',
    ]);
  });
});

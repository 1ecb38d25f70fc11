import { projectEntityV1alpha1Validator as validator } from './projectValidator';
import { makeProject } from './testEntities';

describe('projectEntityV1alpha1Validator', () => {
  it('accepts a complete project', async () => {
    await expect(validator.check(makeProject())).resolves.toBe(true);
  });

  it('accepts a project with only the required fields', async () => {
    const project = makeProject();
    project.spec = { owner: 'team-payments', lifecycle: 'experimental' };
    await expect(validator.check(project)).resolves.toBe(true);
  });

  it('leaves other kinds and api versions to other processors', async () => {
    const component = {
      ...makeProject(),
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
    };
    await expect(validator.check(component)).resolves.toBe(false);
    const otherVersion = { ...makeProject(), apiVersion: 'wombat.dev/v2' };
    await expect(validator.check(otherVersion)).resolves.toBe(false);
  });

  it.each([
    ['Payments', 'must be a DNS-1123 label'],
    ['pay_ments', 'must be a DNS-1123 label'],
    ['-payments', 'must be a DNS-1123 label'],
    ['a'.repeat(64), 'must be at most 63 characters long, it has 64'],
  ])('rejects the name %j', async (name, reason) => {
    await expect(validator.check(makeProject({}, name))).rejects.toThrow(
      `metadata.name ${JSON.stringify(name)} ${reason}`,
    );
  });

  it('rejects a missing owner and a missing lifecycle', async () => {
    const project = makeProject();
    delete (project.spec as any).owner;
    await expect(validator.check(project)).rejects.toThrow(
      "spec must have required property 'owner'",
    );
    const noLifecycle = makeProject();
    delete (noLifecycle.spec as any).lifecycle;
    await expect(validator.check(noLifecycle)).rejects.toThrow(
      "spec must have required property 'lifecycle'",
    );
  });

  it('rejects an owner that is neither a group nor a user', async () => {
    await expect(
      validator.check(makeProject({ owner: 'component:default/x' })),
    ).rejects.toThrow(
      'spec.owner "component:default/x" is not a Group or User reference (kind component)',
    );
  });

  it('rejects an unknown visibility', async () => {
    await expect(
      validator.check(makeProject({ visibility: 'secret' as any })),
    ).rejects.toThrow(
      'spec.visibility must be equal to one of the allowed values - allowedValues: internal,private',
    );
  });

  it('rejects an unknown role', async () => {
    const members = [{ member: 'user:default/jdoe', role: 'owner' as any }];
    await expect(validator.check(makeProject({ members }))).rejects.toThrow(
      'spec.members[0].role must be equal to one of the allowed values - allowedValues: manager,developer,viewer',
    );
  });

  it('rejects a member that is not a user or group reference', async () => {
    const members = [
      { member: 'user:default/jdoe', role: 'developer' as const },
      { member: 'component:default/payments-api', role: 'viewer' as const },
    ];
    await expect(validator.check(makeProject({ members }))).rejects.toThrow(
      'spec.members[1].member "component:default/payments-api" is not a User or Group reference (kind component)',
    );
  });

  it('rejects a member reference without a kind', async () => {
    const members = [{ member: 'jdoe', role: 'developer' as const }];
    await expect(validator.check(makeProject({ members }))).rejects.toThrow(
      /^spec\.members\[0\]\.member "jdoe" is not a User or Group reference: .*missing or empty kind/,
    );
  });

  it('rejects a member listed twice', async () => {
    const members = [
      { member: 'user:jdoe', role: 'developer' as const },
      { member: 'user:default/jdoe', role: 'viewer' as const },
    ];
    await expect(validator.check(makeProject({ members }))).rejects.toThrow(
      'spec.members "user:default/jdoe" is listed more than once',
    );
  });

  it('rejects an environment that points at something that is not a Cluster', async () => {
    const environments = [
      { name: 'dev', cluster: 'component:default/dev-eu', namespace: 'p-dev' },
    ];
    await expect(
      validator.check(makeProject({ environments })),
    ).rejects.toThrow(
      'spec.environments[0].cluster "component:default/dev-eu" is not a Cluster reference (kind component)',
    );
  });

  it('takes a bare cluster name as a Cluster in the same namespace', async () => {
    const environments = [
      { name: 'dev', cluster: 'dev-eu', namespace: 'p-dev' },
    ];
    await expect(validator.check(makeProject({ environments }))).resolves.toBe(
      true,
    );
  });

  it('rejects an environment with an invalid namespace or a duplicate name', async () => {
    const badNamespace = [
      { name: 'dev', cluster: 'dev-eu', namespace: 'Payments_Dev' },
    ];
    await expect(
      validator.check(makeProject({ environments: badNamespace })),
    ).rejects.toThrow(/^spec\.environments\[0\]\.namespace must match pattern/);
    const duplicate = [
      { name: 'dev', cluster: 'dev-eu', namespace: 'a' },
      { name: 'dev', cluster: 'dev-eu', namespace: 'b' },
    ];
    await expect(
      validator.check(makeProject({ environments: duplicate })),
    ).rejects.toThrow(
      'spec.environments "dev" names more than one environment',
    );
  });

  it('rejects unknown spec fields, which are usually typos', async () => {
    const project = makeProject();
    (project.spec as any).memebers = [];
    await expect(validator.check(project)).rejects.toThrow(
      'spec must NOT have additional properties - additionalProperty: memebers',
    );
  });
});

import { clusterEntityV1alpha1Validator as validator } from './clusterValidator';
import { makeCluster } from './testEntities';

describe('clusterEntityV1alpha1Validator', () => {
  it('accepts a rancher cluster and a plain kubernetes cluster', async () => {
    await expect(validator.check(makeCluster())).resolves.toBe(true);
    const kubernetes = makeCluster({ type: 'kubernetes' });
    delete kubernetes.spec.rancher;
    await expect(validator.check(kubernetes)).resolves.toBe(true);
  });

  it('leaves other kinds to other processors', async () => {
    await expect(
      validator.check({ ...makeCluster(), kind: 'Resource' }),
    ).resolves.toBe(false);
  });

  it('rejects an uppercase name', async () => {
    await expect(validator.check(makeCluster({}, 'Dev-EU'))).rejects.toThrow(
      'metadata.name "Dev-EU" must be a DNS-1123 label',
    );
  });

  it('rejects an unknown type and an unknown environment', async () => {
    await expect(
      validator.check(makeCluster({ type: 'openshift' as any })),
    ).rejects.toThrow(
      'spec.type must be equal to one of the allowed values - allowedValues: rancher,kubernetes',
    );
    await expect(
      validator.check(makeCluster({ environment: 'qa' as any })),
    ).rejects.toThrow(
      'spec.environment must be equal to one of the allowed values - allowedValues: development,staging,production',
    );
  });

  it('requires the Rancher coordinates of a rancher cluster', async () => {
    const cluster = makeCluster();
    delete cluster.spec.rancher;
    await expect(validator.check(cluster)).rejects.toThrow(
      "spec must have required property 'rancher'",
    );
    const noId = makeCluster({ rancher: { instance: 'default' } as any });
    await expect(validator.check(noId)).rejects.toThrow(
      "spec.rancher must have required property 'clusterId'",
    );
  });

  it('rejects an owner that is neither a group nor a user', async () => {
    await expect(
      validator.check(makeCluster({ owner: 'system:default/platform' })),
    ).rejects.toThrow(
      'spec.owner "system:default/platform" is not a Group or User reference (kind system)',
    );
  });
});

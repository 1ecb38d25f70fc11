import { validateKubernetesObject } from './validateKubernetesObject';

describe('validateKubernetesObject', () => {
  it('accepts valid objects of every kind', () => {
    expect(
      validateKubernetesObject('Namespace', {
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: { name: 'team-a' },
      }),
    ).toEqual([]);
    expect(
      validateKubernetesObject('ResourceQuota', {
        metadata: {
          name: 'default',
          labels: { 'app.kubernetes.io/managed-by': 'wombat' },
        },
        spec: {
          hard: { 'limits.cpu': '2', 'requests.memory': '1.5Gi', pods: 10 },
        },
      }),
    ).toEqual([]);
    expect(
      validateKubernetesObject('LimitRange', {
        metadata: { name: 'defaults' },
        spec: {
          limits: [
            {
              type: 'Container',
              default: { cpu: '500m' },
              defaultRequest: { cpu: '100m' },
            },
          ],
        },
      }),
    ).toEqual([]);
    expect(
      validateKubernetesObject('Secret', {
        metadata: { name: 'pull', namespace: 'team-a' },
        type: 'kubernetes.io/dockerconfigjson',
        stringData: { '.dockerconfigjson': '{"auths":{}}' },
      }),
    ).toEqual([]);
  });

  it('reports decoding errors the way Go words them', () => {
    expect(
      validateKubernetesObject('Namespace', { metadata: { name: 123 } }),
    ).toEqual([
      'metadata.name: json: cannot unmarshal number into Go struct field ObjectMeta.metadata.name of type string',
    ]);
    expect(
      validateKubernetesObject('Namespace', {
        metadata: { labels: { team: 1 }, name: 'a' },
      }),
    ).toEqual([
      'metadata.labels.team: json: cannot unmarshal number into Go struct field ObjectMeta.metadata.labels of type string',
    ]);
    expect(
      validateKubernetesObject('Namespace', {
        spec: 'x',
        metadata: { name: 'a' },
      }),
    ).toEqual([
      'spec: json: cannot unmarshal string into Go struct field Namespace.spec of type v1.NamespaceSpec',
    ]);
    expect(validateKubernetesObject('Namespace', [])).toEqual([
      'json: cannot unmarshal array into Go value of type v1.Namespace',
    ]);
  });

  it('reports malformed quantities and base64', () => {
    expect(
      validateKubernetesObject('ResourceQuota', {
        metadata: { name: 'q' },
        spec: { hard: { cpu: 'two' } },
      }),
    ).toEqual([
      expect.stringContaining('quantities must match the regular expression'),
    ]);
    expect(
      validateKubernetesObject('Secret', {
        metadata: { name: 's' },
        data: { a: 'not base64!' },
      }),
    ).toEqual(['data.a: illegal base64 data at input byte 3']);
  });

  it('reports missing required fields, invalid names and unknown fields', () => {
    expect(
      validateKubernetesObject('LimitRange', {
        metadata: { name: 'l' },
        spec: {},
      }),
    ).toEqual(['spec.limits: Required value']);
    expect(validateKubernetesObject('Namespace', { metadata: {} })).toEqual([
      'metadata.name: Required value: name or generateName is required',
    ]);
    expect(
      validateKubernetesObject('Secret', { metadata: { name: 'Bad_Name' } }),
    ).toEqual([
      expect.stringMatching(
        /^metadata.name: Invalid value: "Bad_Name": a lowercase RFC 1123 subdomain/,
      ),
    ]);
    expect(
      validateKubernetesObject('Namespace', {
        metadata: { name: 'a', labels: { team: 'a b' } },
        spec: { owner: 'x' },
      }),
    ).toEqual([
      'unknown field "spec.owner"',
      expect.stringMatching(
        /^metadata.labels: Invalid value: "a b": a valid label must be/,
      ),
    ]);
  });
});

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

  it('checks RoleBindings with the rbac/v1 defaults and rules, not the swagger required lists', () => {
    expect(
      validateKubernetesObject('RoleBinding', {
        metadata: { name: 'Team:Viewers' },
        roleRef: { kind: 'ClusterRole', name: 'view' },
        subjects: [
          { kind: 'Group', name: 'team-payments' },
          { kind: 'ServiceAccount', name: 'ci', namespace: 'payments-dev' },
        ],
      }),
    ).toEqual([]);
    expect(
      validateKubernetesObject('RoleBinding', { metadata: { name: '..' } }),
    ).toEqual([
      'metadata.name: Invalid value: "..": may not be \'..\'',
      'roleRef.kind: Unsupported value: "": supported values: "Role", "ClusterRole"',
      'roleRef.name: Required value',
    ]);
    expect(
      validateKubernetesObject('RoleBinding', {
        metadata: { name: 'b' },
        roleRef: { apiGroup: '', kind: 'Role', name: 'a%b' },
        subjects: [
          { kind: 'ServiceAccount', name: 'CI', apiGroup: 'x' },
          { kind: 'User', name: 'jdoe', apiGroup: 'x' },
        ],
      }),
    ).toEqual([
      'roleRef.name: Invalid value: "a%b": may not contain \'%\'',
      expect.stringMatching(
        /^subjects\[0\].name: Invalid value: "CI": a lowercase RFC 1123 subdomain/,
      ),
      'subjects[0].apiGroup: Unsupported value: "x": supported values: ""',
      'subjects[1].apiGroup: Unsupported value: "x": supported values: "rbac.authorization.k8s.io"',
    ]);
    expect(
      validateKubernetesObject('RoleBinding', {
        metadata: { name: 'b' },
        roleRef: { kind: 'ClusterRole', name: 'view' },
        subjects: { kind: 'User', name: 'jdoe' },
      }),
    ).toEqual([
      'subjects: json: cannot unmarshal object into Go struct field RoleBinding.subjects of type []v1.Subject',
    ]);
  });
});

/**
 * The suffix of the test directory of {@link DEMO_LDAP_LDIF}: the demo
 * organisation ACME.
 *
 * @public
 */
export const DEMO_LDAP_BASE_DN = 'dc=acme,dc=example';

interface DemoUser {
  uid: string;
  cn: string;
  sn: string;
  groups: string[];
}

interface DemoGroup {
  cn: string;
  description?: string;
  /** Groups that are members of this one, as in `spec.children` of org.yaml. */
  childGroups?: string[];
}

// The demo organisation of catalog-info/org.yaml, so that a catalog filled
// from this directory looks like the one filled from the YAML files.
const GROUPS: DemoGroup[] = [
  {
    cn: 'platform',
    description: 'Runs GitLab, Harbor, Rancher and Proxmox, and the portal',
    childGroups: ['platform-admins'],
  },
  {
    cn: 'platform-admins',
    description: 'Administrators of the portal and every project',
  },
  { cn: 'team-payments' },
  { cn: 'team-web' },
  {
    cn: 'auditors',
    description: 'Read-only access to the projects they are invited to',
  },
];

const USERS: DemoUser[] = [
  {
    uid: 'ada',
    cn: 'Ada Lovelace',
    sn: 'Lovelace',
    groups: ['platform', 'platform-admins'],
  },
  { uid: 'linus', cn: 'Linus Berg', sn: 'Berg', groups: ['platform'] },
  { uid: 'maria', cn: 'Maria Costa', sn: 'Costa', groups: ['team-payments'] },
  { uid: 'tom', cn: 'Tom Okafor', sn: 'Okafor', groups: ['team-web'] },
  { uid: 'jdoe', cn: 'Jane Doe', sn: 'Doe', groups: ['team-payments'] },
  { uid: 'kim', cn: 'Kim Nguyen', sn: 'Nguyen', groups: ['team-payments'] },
  { uid: 'raj', cn: 'Raj Patel', sn: 'Patel', groups: ['team-web'] },
  { uid: 'sofia', cn: 'Sofia Lind', sn: 'Lind', groups: ['team-web'] },
  // A developer of payments through the project alone, in no team.
  { uid: 'dana', cn: 'Dana Scully', sn: 'Scully', groups: [] },
  { uid: 'victor', cn: 'Victor Hugo', sn: 'Hugo', groups: ['auditors'] },
  // A real entry whose common name is a filter metacharacter: a search on
  // `cn` for the literal `*` must find exactly this user, never everyone.
  { uid: 'evil', cn: '*', sn: 'Evil', groups: [] },
];

const peopleDn = `ou=people,${DEMO_LDAP_BASE_DN}`;
const groupsDn = `ou=groups,${DEMO_LDAP_BASE_DN}`;
const userDn = (uid: string) => `uid=${uid},${peopleDn}`;
const groupDn = (cn: string) => `cn=${cn},${groupsDn}`;

function userEntry(user: DemoUser): string {
  return [
    `dn: ${userDn(user.uid)}`,
    'objectClass: inetOrgPerson',
    `uid: ${user.uid}`,
    `cn: ${user.cn}`,
    `sn: ${user.sn}`,
    `displayName: ${user.cn}`,
    `mail: ${user.uid}@acme.example`,
    // slapd compares a cleartext userPassword as is on a simple bind.
    `userPassword: ${user.uid}-password`,
  ].join('\n');
}

function groupEntry(group: DemoGroup): string {
  const members = [
    ...(group.childGroups ?? []).map(groupDn),
    ...USERS.filter(u => u.groups.includes(group.cn)).map(u => userDn(u.uid)),
  ];
  return [
    `dn: ${groupDn(group.cn)}`,
    'objectClass: groupOfNames',
    `cn: ${group.cn}`,
    ...(group.description ? [`description: ${group.description}`] : []),
    ...members.map(member => `member: ${member}`),
  ].join('\n');
}

/**
 * The demo organisation of `catalog-info/org.yaml` as LDIF, for
 * {@link startTestSlapd}: `ou=people` with the users (`inetOrgPerson`, the
 * password of each is `<uid>-password`) and `ou=groups` with the teams
 * (`groupOfNames`, `member` holds user and child group DNs). It also has the
 * user `evil`, whose `cn` is `*`, for filter injection tests.
 *
 * @public
 */
export const DEMO_LDAP_LDIF: string = [
  [
    `dn: ${DEMO_LDAP_BASE_DN}`,
    'objectClass: dcObject',
    'objectClass: organization',
    'dc: acme',
    'o: ACME',
  ].join('\n'),
  [`dn: ${peopleDn}`, 'objectClass: organizationalUnit', 'ou: people'].join(
    '\n',
  ),
  [`dn: ${groupsDn}`, 'objectClass: organizationalUnit', 'ou: groups'].join(
    '\n',
  ),
  ...USERS.map(userEntry),
  ...GROUPS.map(groupEntry),
]
  .join('\n\n')
  .concat('\n');

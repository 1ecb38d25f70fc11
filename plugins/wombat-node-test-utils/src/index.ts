/**
 * In-memory fakes of the GitLab REST v4, Harbor v2.0, Rancher (v3 and the
 * Kubernetes proxy) and Proxmox VE APIs, as msw request handlers, for unit
 * tests of code that talks to those servers.
 *
 * @packageDocumentation
 */

export type { FakeCommon, FakeRequest, FailureMatch } from './shared/types';

export { createFakeGitLab } from './gitlab/FakeGitLab';
export type { FakeGitLab, FakeGitLabOptions } from './gitlab/FakeGitLab';
export type {
  GitLabGroupSeed,
  GitLabProjectSeed,
  GitLabUserSeed,
} from './gitlab/seedGitLabState';
export type {
  GitLabAccessLevelRule,
  GitLabDeployKey,
  GitLabNamespace,
  GitLabProject,
  GitLabProjectMember,
  GitLabProtectedBranch,
  GitLabSequences,
  GitLabState,
  GitLabUser,
  GitLabVariable,
  GitLabVisibility,
} from './gitlab/GitLabState';
export type {
  GitLabArchiveFormat,
  GitLabBlob,
  GitLabCommit,
  GitLabRepositories,
  GitLabTreeEntry,
} from './gitlab/GitLabRepositories';

export { createFakeHarbor } from './harbor/FakeHarbor';
export type { FakeHarbor, FakeHarborOptions } from './harbor/FakeHarbor';
export { validateHarborRequest } from './harbor/validateHarborRequest';
export type {
  HarborMember,
  HarborProject,
  HarborRobot,
  HarborRobotAccess,
  HarborRobotPermission,
  HarborSequences,
  HarborState,
  HarborUser,
  HarborUserGroup,
  HarborWebhookPolicy,
  HarborWebhookTarget,
} from './harbor/HarborState';

export { createTaskRun } from './scaffolder/createTaskRun';
export type { CapturedLog, TaskRun } from './scaffolder/createTaskRun';
export { createFakeUserInfo } from './scaffolder/fakeUserInfo';

export { createFakeRancher } from './rancher/FakeRancher';
export type { FakeRancher, FakeRancherOptions } from './rancher/FakeRancher';
export type {
  RancherCluster,
  RancherContainerResourceLimit,
  RancherProject,
  RancherProjectRoleTemplateBinding,
  RancherResourceQuotaLimit,
  RancherState,
  RancherUser,
} from './rancher/RancherState';
export { validateKubernetesObject } from './kubernetes/validateKubernetesObject';
export type { KubernetesKind } from './kubernetes/kinds';
export type {
  KubernetesClusterState,
  KubernetesLimitRange,
  KubernetesLimitRangeItem,
  KubernetesNamespace,
  KubernetesObjectMeta,
  KubernetesResourceQuota,
  KubernetesRoleBinding,
  KubernetesRoleRef,
  KubernetesSecret,
  KubernetesSubject,
} from './kubernetes/KubernetesState';

export { createFakeProxmox } from './proxmox/FakeProxmox';
export { DEFAULT_PROXMOX_VMS } from './proxmox/ProxmoxState';
export type { FakeProxmox, FakeProxmoxOptions } from './proxmox/FakeProxmox';
export { validateProxmoxParameters } from './proxmox/parameters';
export type {
  ProxmoxState,
  ProxmoxTask,
  ProxmoxVm,
  ProxmoxVmSeed,
} from './proxmox/ProxmoxState';

export { startTestSlapd } from './ldap/startTestSlapd';
export type { TestSlapd, TestSlapdOptions } from './ldap/startTestSlapd';
export { DEMO_LDAP_BASE_DN, DEMO_LDAP_LDIF } from './ldap/demoLdif';

/**
 * The credentials each simulator accepts. They are not secrets: the sandbox
 * runs on loopback for development and tests, and app-config.yaml carries
 * the same values. Anything else is refused the way the real system refuses
 * it.
 */
export const SANDBOX_CREDENTIALS = {
  gitlab: { token: 'sandbox-gitlab-token' },
  harbor: { username: 'admin', password: 'sandbox-harbor-password' },
  /** A Rancher API key, `token-xxxxx:<secret>`. */
  rancher: { token: 'token-sandbox:sandbox-rancher-secret' },
  proxmox: {
    tokenId: 'wombat@pve!portal',
    tokenSecret: 'sandbox-proxmox-token-secret',
  },
} as const;

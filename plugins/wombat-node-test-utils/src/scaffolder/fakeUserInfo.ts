import {
  BackstageCredentials,
  BackstageUserInfo,
  UserInfoService,
} from '@backstage/backend-plugin-api';

/**
 * A `userInfo` service for tests: the ownership references of each user
 * (themselves and their groups), as their Backstage token would list them.
 * A user not listed owns only themselves.
 *
 * @public
 */
export function createFakeUserInfo(
  users: Record<string, string[]>,
): UserInfoService {
  return {
    async getUserInfo(
      credentials: BackstageCredentials,
    ): Promise<BackstageUserInfo> {
      const principal = credentials.principal as {
        type: string;
        userEntityRef?: string;
      };
      if (principal.type !== 'user' || !principal.userEntityRef) {
        throw new Error('Only user credentials are supported');
      }
      const ref = principal.userEntityRef;
      return {
        userEntityRef: ref,
        ownershipEntityRefs: users[ref] ?? [ref],
      };
    },
  };
}

import { AuthenticationError, CustomErrorBase } from '@backstage/errors';

/**
 * The one message for every refused username and password, so that an
 * answer never tells whether the user exists.
 *
 * @public
 */
export const INVALID_CREDENTIALS_MESSAGE = 'Invalid username or password';

/** @internal */
export function invalidCredentials(): AuthenticationError {
  return new AuthenticationError(INVALID_CREDENTIALS_MESSAGE);
}

/**
 * Too many failed sign-ins for one username; the backend answers 429 with a
 * `Retry-After` header.
 *
 * @public
 */
export class TooManySignInAttemptsError extends CustomErrorBase {
  name = 'TooManySignInAttemptsError' as const;
  /** Read by the backend's error handler. */
  readonly statusCode = 429;

  constructor(readonly retryAfterSeconds: number) {
    super(
      `Too many failed sign-in attempts for this username, try again in ${retryAfterSeconds} seconds`,
    );
  }
}

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
  const error = new AuthenticationError(INVALID_CREDENTIALS_MESSAGE);
  // A development backend shows stack traces in error bodies; where the
  // refusal was raised must not tell a wrong password from the other causes.
  error.stack = `${error.name}: ${error.message}`;
  return error;
}

/**
 * Too many failed sign-ins for one account, from one client, or overall;
 * the backend answers 429 with a `Retry-After` header. The message does not
 * say which limit it was.
 *
 * @public
 */
export class TooManySignInAttemptsError extends CustomErrorBase {
  name = 'TooManySignInAttemptsError' as const;
  /** Read by the backend's error handler. */
  readonly statusCode = 429;

  constructor(readonly retryAfterSeconds: number) {
    super(
      `Too many failed sign-in attempts, try again in ${retryAfterSeconds} seconds`,
    );
    this.stack = `${this.name}: ${this.message}`;
  }
}

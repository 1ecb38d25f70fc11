import {
  AuthenticationError,
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
  ServiceUnavailableError,
} from '@backstage/errors';

/**
 * Turns an HTTP failure of an external system into the Backstage error that
 * says the same thing, so routes and the scaffolder report it with the right
 * status. `message` must already be free of secrets.
 */
export function errorForStatus(status: number, message: string): Error {
  switch (status) {
    case 400:
    case 422:
      return new InputError(message);
    case 401:
      return new AuthenticationError(message);
    case 403:
      return new NotAllowedError(message);
    case 404:
      return new NotFoundError(message);
    case 409:
      return new ConflictError(message);
    case 429:
    case 502:
    case 503:
    case 504:
      return new ServiceUnavailableError(message);
    default:
      return new Error(message);
  }
}

import { NotFoundError } from '@backstage/errors';

/** The answer, or undefined when GitLab says 404. */
export async function unlessMissing<T>(
  request: Promise<T>,
): Promise<T | undefined> {
  try {
    return await request;
  } catch (error) {
    if (error instanceof NotFoundError) {
      return undefined;
    }
    throw error;
  }
}

import fs from 'fs';
import path from 'path';

const PACKAGE_NAME = '@wombat/plugin-wombat-node-test-utils';

let cachedRoot: string | undefined;

/**
 * The root folder of this package, found through its `package.json` like
 * Backstage's `resolvePackagePath` does, so that it is the same from the
 * sources and from the bundled `dist`.
 */
export function packageRoot(): string {
  if (!cachedRoot) {
    cachedRoot = path.dirname(require.resolve(`${PACKAGE_NAME}/package.json`));
  }
  return cachedRoot;
}

/** Reads and parses one of the unchanged JSON specs under `specs/`. */
export function readJsonSpec<T>(fileName: string): T {
  const text = fs.readFileSync(
    path.join(packageRoot(), 'specs', fileName),
    'utf8',
  );
  return JSON.parse(text) as T;
}

import { TestDatabaseId } from '@backstage/backend-test-utils';

const POSTGRES_VARIABLE =
  /^BACKSTAGE_TEST_DATABASE_POSTGRES(\d+)_CONNECTION_STRING$/;

/**
 * The databases that database tests run on: SQLite, and every PostgreSQL
 * whose connection string the environment gives (the test command points one
 * at the local server). TestDatabases silently skips a database it has no
 * connection for; this fails instead, so a green run always means PostgreSQL
 * was tested too.
 */
export function testDatabaseIds(): TestDatabaseId[] {
  const postgres = Object.keys(process.env).flatMap(name => {
    const major = name.match(POSTGRES_VARIABLE)?.[1];
    return major && process.env[name]
      ? [`POSTGRES_${major}` as TestDatabaseId]
      : [];
  });
  if (postgres.length === 0) {
    throw new Error(
      'Database tests need PostgreSQL: set BACKSTAGE_TEST_DATABASE_POSTGRES<major>_CONNECTION_STRING ' +
        '(e.g. BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING=postgresql://postgres@127.0.0.1:5432), ' +
        'or run ./scripts/test, which sets it for the local server.',
    );
  }
  return ['SQLITE_3', ...postgres];
}

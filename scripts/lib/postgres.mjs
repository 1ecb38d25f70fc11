// The PostgreSQL server that POSTGRES_* point at (the same variables as
// app-config.production.yaml), defaulting to the local server.
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

export const postgres = {
  host: process.env.POSTGRES_HOST || '127.0.0.1',
  port: process.env.POSTGRES_PORT || '5432',
  user: process.env.POSTGRES_USER || 'postgres',
  password: process.env.POSTGRES_PASSWORD ?? '',
};

/** Runs fn with a client connected to the server's `postgres` database. */
export async function withPostgres(fn) {
  const { Client } = createRequire(join(root, 'packages/backend/package.json'))(
    'pg',
  );
  const client = new Client({
    ...postgres,
    port: Number(postgres.port),
    database: 'postgres',
    connectionTimeoutMillis: 5000,
  });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

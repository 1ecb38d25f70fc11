// Prints the major version of the PostgreSQL server that POSTGRES_* point at.
import { withPostgres } from './postgres.mjs';

const { rows } = await withPostgres(c => c.query('SHOW server_version_num'));
console.log(Math.floor(Number(rows[0].server_version_num) / 10000));

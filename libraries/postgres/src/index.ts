export { openPostgres, type PostgresStore } from './pool';
export { createSqlDedupe, type SqlQuery } from './dedupe';
export { runSqlMigrations } from './migrations';

export { openPostgres, type PostgresStore } from './pool';
export { createSqlDedupe, pruneProcessedEvents, type SqlQuery } from './dedupe';
export { migrateService, runSqlMigrations } from './migrations';
export { enqueueOutbox, type OutboxEvent, type PendingEvent, type SqlExecutor } from './outbox';
export { createOutboxRelay, type OutboxRelay, type OutboxRelayOptions } from './outbox-relay';
export { publishThroughDapr } from './outbox-support';
export { isUniqueViolation, withTransaction } from './transaction';
export { migratedTestDatabase, testDatabaseUrl } from './test-database';

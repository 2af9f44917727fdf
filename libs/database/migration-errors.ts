/** An applied migration or layout step whose file changed since: the database no longer matches the code. */
export class MigrationChecksumError extends Error {}

// SQL expressions written into the text of hand-written statements, defined once for every repository that needs them.

/**
 * A time-ordered id (RFC 9562 v7) made in SQL, like uuid7() of @cairn/common: 48 bits of ms, version 7, random rest.
 * For ids a statement makes for rows it creates itself (an event's invitations, their outbox rows).
 */
export const UUID7_SQL = `encode(set_bit(set_bit(overlay(uuid_send(gen_random_uuid()) PLACING
  substring(int8send((extract(epoch FROM clock_timestamp()) * 1000)::bigint) FROM 3) FROM 1 FOR 6), 52, 1), 53, 1), 'hex')::uuid::text`;

/** A `timestamp` column holding UTC, as JavaScript's toISOString() writes it (with the Z). */
export const utcIsoSql = (timestamp: string) => `to_char(${timestamp}, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

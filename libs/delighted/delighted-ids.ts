// Delighted's ids are numbers (sent as strings). Compat people and responses carry one each (`compat_id`):
// Delighted's own for imported rows, a sequence's for the rest. Cairn's UUIDs are accepted too, as before.

/** How a row is named in a path or a parameter: by its numeric compat id, by its Cairn UUID, or not at all. */
export type RowRef = { compatId: bigint } | { id: string } | null;

const NUMERIC = /^\d{1,18}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function parseRowRef(raw: string | number | undefined | null): RowRef {
  if (raw === undefined || raw === null) return null;
  const text = String(raw)
    .trim()
    .replace(/\.json$/, '');
  if (NUMERIC.test(text)) return { compatId: BigInt(text) };
  if (UUID.test(text)) return { id: text.toLowerCase() };
  return null;
}

/** A Delighted id kept by an import: digits only, or nothing (such a row gets a new one). */
export function delightedIdOf(raw: string | null | undefined): bigint | null {
  const text = raw?.trim();
  return text && NUMERIC.test(text) ? BigInt(text) : null;
}

export function compatIdText(compatId: bigint | number | string): string {
  return String(compatId);
}

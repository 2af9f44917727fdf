import { Identifiers, redactStored } from './redact';

// Webhook bodies are stored as the exact JSON text sent, and retries send it
// again; when the responses they describe are anonymised, the stored text
// must lose what the response table loses.

/**
 * A stored body (JSON text or JSON) about responses being anonymised: their
 * comment goes whatever it says, then the person and anything quoting their
 * identifiers (or the comment, when it is among `ids.values`).
 */
export function redactStoredBody(stored: unknown, ids: Identifiers, responseIds: ReadonlySet<string>): unknown {
  if (typeof stored !== 'string') return redactStored(dropComments(stored, responseIds), ids);
  let parsed: unknown;
  try {
    parsed = JSON.parse(stored);
  } catch {
    return redactStored(stored, ids);
  }
  return JSON.stringify(redactStored(dropComments(parsed, responseIds), ids));
}

/** Every object that is one of these responses (Cairn's `response`, Delighted's `event_data`) loses its comment. */
function dropComments(value: unknown, responseIds: ReadonlySet<string>): unknown {
  if (Array.isArray(value)) return value.map((item) => dropComments(item, responseIds));
  if (typeof value !== 'object' || value === null) return value;
  const record = value as Record<string, unknown>;
  const isResponse = typeof record.id === 'string' && responseIds.has(record.id);
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(record)) out[key] = isResponse && key === 'comment' ? null : dropComments(item, responseIds);
  return out;
}

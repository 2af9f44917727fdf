export interface PlaceholderValues {
  company?: string | null;
  touchpoint?: string | null;
  person?: { name?: string | null; properties?: Record<string, unknown> | null } | null;
  event?: { properties?: Record<string, unknown> | null } | null;
}

const PLACEHOLDER = /\{\{\s*([A-Za-z0-9_.-]+)\s*\}\}/g;

/**
 * Replaces {{name}}, {{company}}, {{touchpoint}}, {{person.name}},
 * {{person.<property>}} and {{event.<property>}}. Returns plain text:
 * HTML escaping belongs to the renderer, so values are inserted verbatim.
 * Unknown placeholders become '' so a typo never reaches a customer as "{{...}}".
 * Values are not rescanned, so a value containing "{{x}}" stays literal.
 */
export function fillPlaceholders(text: string, vars: PlaceholderValues): string {
  return text.replace(PLACEHOLDER, (_whole, path: string) => placeholderValue(path, vars));
}

function placeholderValue(path: string, vars: PlaceholderValues): string {
  switch (path) {
    case 'name':
    case 'person.name':
      return toText(vars.person?.name);
    case 'company':
      return toText(vars.company);
    case 'touchpoint':
      return toText(vars.touchpoint);
  }
  const [scope, ...rest] = path.split('.');
  if (rest.length === 0) return '';
  const properties = scope === 'person' ? vars.person?.properties : scope === 'event' ? vars.event?.properties : null;
  return toText(readProperty(properties, rest.join('.')));
}

/** A flat key wins ("plan.tier" stored as one key); otherwise dots walk nested objects. */
function readProperty(properties: Record<string, unknown> | null | undefined, key: string): unknown {
  if (!properties) return undefined;
  if (Object.hasOwn(properties, key)) return properties[key];
  let current: unknown = properties;
  for (const part of key.split('.')) {
    // hasOwn keeps "__proto__" or "constructor" from reaching into prototypes.
    if (current === null || typeof current !== 'object' || !Object.hasOwn(current, part)) return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}

/** Objects and arrays render as '' rather than "[object Object]". */
function toText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  return '';
}

// What no request may carry anywhere in its body, query string or path,
// whatever the route: checked once for all routes, before any code of the
// route runs (see input-safety.hook.ts).
import { FORBIDDEN_KEY_MESSAGE, isForbiddenKey } from './safe-keys';

// Cairn's deepest legitimate input (an import item's person properties) is
// five levels deep. Validation and transformation recurse, so a body nested
// thousands deep would overflow the stack: refused long before that.
export const MAX_INPUT_DEPTH = 32;

/** A value met on the walk, with the way to it; its path is spelled out only for a message. */
interface Visit {
  value: unknown;
  parent: Visit | null;
  key: string;
  depth: number;
}

/**
 * Why `value` may not be processed, or null. Walks with an explicit stack so
 * that the check itself cannot overflow on the input it exists to refuse.
 * Paths are made only when there is something to say: built for every key,
 * they were ~5 % of the API's allocations on a usual event.
 */
export function inputProblem(value: unknown, root: string): string | null {
  const stack: Visit[] = [{ value, parent: null, key: root, depth: 0 }];
  while (stack.length > 0) {
    const item = stack.pop()!;
    if (typeof item.value === 'string') {
      // PostgreSQL cannot store U+0000 in text or jsonb.
      if (item.value.includes('\u0000')) return `${pathOf(item)} contains a NUL character (U+0000), which is not allowed`;
      continue;
    }
    if (typeof item.value !== 'object' || item.value === null || ArrayBuffer.isView(item.value)) continue;
    if (item.depth >= MAX_INPUT_DEPTH) return `${root} is nested more than ${MAX_INPUT_DEPTH} levels deep`;
    for (const key of Object.keys(item.value)) {
      const visit: Visit = { value: (item.value as Record<string, unknown>)[key], parent: item, key, depth: item.depth + 1 };
      if (key.includes('\u0000')) return `${pathOf(visit)}: a key contains a NUL character (U+0000), which is not allowed`;
      if (isForbiddenKey(key)) return `${pathOf(visit)}: ${FORBIDDEN_KEY_MESSAGE}`;
      stack.push(visit);
    }
  }
  return null;
}

/** root.key.key…, each key printable. */
function pathOf(visit: Visit): string {
  const keys: string[] = [];
  for (let at: Visit | null = visit; at; at = at.parent) keys.push(at.parent ? printable(at.key) : at.key);
  return keys.reverse().join('.');
}

/** A key as it may appear in an error message: no NUL, not a megabyte long. */
function printable(key: string): string {
  const shown = key.replace(/\u0000/g, '\\u0000');
  return shown.length > 60 ? `${shown.slice(0, 60)}…` : shown;
}

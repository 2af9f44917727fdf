/** A repeated query parameter arrives as an array; a filter takes one value. */
export function one(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

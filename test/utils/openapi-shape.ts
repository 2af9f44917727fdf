// Checks a JSON value against an OpenAPI 3.0 schema of the document it came
// with, strictly: a field the schema does not list is an error too, so a
// response class that forgets a field fails as surely as a wrong type does.
type Schema = Record<string, unknown>;
type Doc = { components?: { schemas?: Record<string, Schema> } };

export function shapeErrors(doc: Doc, schema: Schema | undefined, value: unknown, at = '$'): string[] {
  if (!schema) return [`${at}: no schema documented`];
  if (typeof schema.$ref === 'string') {
    const name = schema.$ref.replace('#/components/schemas/', '');
    return shapeErrors(doc, doc.components?.schemas?.[name], value, at);
  }
  if (value === null) return schema.nullable ? [] : [`${at}: null but not nullable`];
  for (const key of ['oneOf', 'anyOf'] as const) {
    const options = schema[key] as Schema[] | undefined;
    if (options && !options.some((option) => shapeErrors(doc, option, value, at).length === 0)) {
      return [`${at}: matches none of ${key}`];
    }
  }
  if (Array.isArray(schema.allOf)) return (schema.allOf as Schema[]).flatMap((part) => shapeErrors(doc, part, value, at));
  if (Array.isArray(schema.enum) && !schema.enum.includes(value)) return [`${at}: ${JSON.stringify(value)} not in enum`];
  switch (schema.type) {
    case 'object':
      return objectErrors(doc, schema, value, at);
    case 'array':
      if (!Array.isArray(value)) return [`${at}: not an array`];
      return value.flatMap((item, i) => shapeErrors(doc, schema.items as Schema, item, `${at}[${i}]`));
    case 'string':
      if (typeof value !== 'string') return [`${at}: not a string`];
      return schema.format === 'date-time' && Number.isNaN(Date.parse(value)) ? [`${at}: not a date-time`] : [];
    case 'integer':
      return Number.isInteger(value) ? [] : [`${at}: not an integer`];
    case 'number':
      return typeof value === 'number' ? [] : [`${at}: not a number`];
    case 'boolean':
      return typeof value === 'boolean' ? [] : [`${at}: not a boolean`];
    default:
      return [];
  }
}

function objectErrors(doc: Doc, schema: Schema, value: unknown, at: string): string[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return [`${at}: not an object`];
  const properties = (schema.properties ?? {}) as Record<string, Schema>;
  const record = value as Record<string, unknown>;
  const errors = ((schema.required ?? []) as string[]).filter((key) => !(key in record)).map((key) => `${at}.${key}: missing`);
  for (const [key, item] of Object.entries(record)) {
    const own = properties[key] ?? (schema.additionalProperties as Schema | undefined);
    if (own) errors.push(...shapeErrors(doc, own, item, `${at}.${key}`));
    else errors.push(`${at}.${key}: not documented`);
  }
  return errors;
}

import { plainToInstance } from 'class-transformer';
import { validateSync, type ValidationError } from 'class-validator';
import { ImportItemDto } from './response-import.dto';

/** One problem of one item: what a 422 of POST /responses/import lists. */
export interface ImportProblem {
  index: number;
  /** The item's field, dotted for the person's (`person.email`); '' for the item itself. */
  field: string;
  message: string;
}

/** The item as a typed DTO, or its shape problems (types, lengths, unknown fields) by field. */
export function parseImportItem(raw: unknown, index: number): { item: ImportItemDto | null; problems: ImportProblem[] } {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { item: null, problems: [{ index, field: '', message: 'must be an object' }] };
  }
  const item = plainToInstance(ImportItemDto, raw);
  const errors = validateSync(item, { whitelist: true, forbidNonWhitelisted: true, stopAtFirstError: true });
  const problems = errors.flatMap((error) => flatten(error, '')).map((p) => ({ index, ...p }));
  return { item: problems.length ? null : item, problems };
}

function flatten(error: ValidationError, parent: string): Array<{ field: string; message: string }> {
  const field = parent ? `${parent}.${error.property}` : error.property;
  const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message: withoutProperty(message, error.property) }));
  return [...own, ...(error.children ?? []).flatMap((child) => flatten(child, field))];
}

/** class-validator starts its messages with the property's name; the field says it already. */
function withoutProperty(message: string, property: string): string {
  return message.startsWith(`${property} `) ? message.slice(property.length + 1) : message;
}

/** `items[3].score: …`, the message of a 422: the first problem, and how many more there are. */
export function importProblemsMessage(problems: ImportProblem[]): string {
  const [first] = problems;
  const where = first.field ? `items[${first.index}].${first.field}` : `items[${first.index}]`;
  const more = problems.length > 1 ? ` (and ${problems.length - 1} more problem${problems.length > 2 ? 's' : ''})` : '';
  return `${where}: ${first.message}${more}`;
}

import { HttpException, HttpStatus } from '@nestjs/common';

export type FieldErrors = Record<string, string[]>;

/** Delighted's 422: `{ status, message, errors: { field: [..] } }`. */
export class DelightedValidationError extends HttpException {
  constructor(readonly errors: FieldErrors) {
    super({ message: 'Unprocessable Entity', errors }, HttpStatus.UNPROCESSABLE_ENTITY);
  }
}

/** Collects every problem of one request, so a client learns them all at once as Delighted reported them. */
export class ErrorCollector {
  private readonly errors: FieldErrors = {};

  add(field: string, message: string): void {
    (this.errors[field] ??= []).push(message);
  }

  has(field?: string): boolean {
    return field ? field in this.errors : Object.keys(this.errors).length > 0;
  }

  throwIfAny(): void {
    if (this.has()) throw new DelightedValidationError(this.errors);
  }
}

import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiResponse } from '@nestjs/swagger';

/** The one error shape of the API (api.md), as HttpErrorFilter writes it. */
export class ErrorResponse {
  @ApiProperty({ example: 404 })
  statusCode!: number;

  @ApiProperty({ example: 'Not Found' })
  error!: string;

  @ApiProperty({
    description: 'What went wrong; validation errors list one message per field',
    oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }],
  })
  message!: string | string[];
}

const MEANING: Record<number, string> = {
  400: 'Invalid input (body, query or an id that is not a UUID)',
  401: 'No or unknown API key / session',
  403: 'The key or user lacks the role, or a CSRF/Origin check failed',
  404: 'Not found in this workspace',
  409: 'Conflicts with existing data',
  422: 'Well-formed but not acceptable',
  429: 'Rate limited; see Retry-After',
};

/** Documents the error answers a route can give, all of them ErrorResponse. */
export function ApiErrors(...codes: number[]): MethodDecorator & ClassDecorator {
  return applyDecorators(...codes.map((status) => ApiResponse({ status, description: MEANING[status] ?? 'Error', type: ErrorResponse })));
}

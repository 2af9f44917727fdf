import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, ApiResponse } from '@nestjs/swagger';

/** Delighted's error shape plus Cairn's statusCode/error; 400s come out as 422 with per-field errors. */
export class DelightedErrorResponse {
  @ApiProperty() status!: number;
  @ApiProperty() message!: string;
  @ApiPropertyOptional({ type: 'object', additionalProperties: { type: 'array', items: { type: 'string' } } })
  errors?: Record<string, string[]>;
  @ApiProperty() statusCode!: number;
  @ApiProperty() error!: string;
}

/** The error answers of a Delighted route, in DelightedExceptionFilter's shape. */
export function ApiDelightedErrors(...codes: number[]): MethodDecorator & ClassDecorator {
  return applyDecorators(...codes.map((status) => ApiResponse({ status, type: DelightedErrorResponse })));
}

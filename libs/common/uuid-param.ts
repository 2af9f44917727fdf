import { BadRequestException, Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiParam } from '@nestjs/swagger';

/**
 * A path id (uuid7, as the database makes them): anything else is a 400 that
 * names the parameter, before any lookup, so a malformed id never reads as
 * "not found" on one route and as something else on another.
 */
export function UuidParam(name = 'id'): ParameterDecorator {
  const param = Param(name, new ParseUUIDPipe({ exceptionFactory: () => new BadRequestException(`${name} must be a UUID`) }));
  const doc = ApiParam({ name, type: String, format: 'uuid' });
  return (target, key, index) => {
    param(target, key, index);
    // The docs are method metadata; a parameter decorator sees the method through its descriptor.
    if (key !== undefined) doc(target, key, Object.getOwnPropertyDescriptor(target, key)!);
  };
}

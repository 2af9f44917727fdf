import { Injectable } from '@nestjs/common';

/** Time behind an adapter, so services can be tested at any instant. */
@Injectable()
export class Clock {
  now(): Date {
    return new Date();
  }
}

import { Module } from '@nestjs/common';
import { DriverDataRepository } from './driver-data.repository';
import { DriversService } from './drivers.service';

/** Key driver analysis of a journey's relationship survey (issue 15). */
@Module({
  providers: [DriverDataRepository, DriversService],
  exports: [DriversService],
})
export class DriversModule {}

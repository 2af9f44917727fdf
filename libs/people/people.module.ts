import { Module } from '@nestjs/common';
import { PeopleService } from './people.service';
import { PersonQueryRepository } from './person-query.repository';
import { UnsubscribeService } from './unsubscribe.service';

@Module({
  providers: [PersonQueryRepository, PeopleService, UnsubscribeService],
  exports: [PersonQueryRepository, PeopleService, UnsubscribeService],
})
export class PeopleModule {}

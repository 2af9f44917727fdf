import { Module } from '@nestjs/common';
import { PeopleService } from './people.service';
import { PersonBatchRepository } from './person-batch.repository';
import { PersonQueryRepository } from './person-query.repository';
import { PersonRepository } from './person.repository';
import { UnsubscribeRepository } from './unsubscribe.repository';
import { UnsubscribeService } from './unsubscribe.service';

@Module({
  providers: [PersonQueryRepository, PersonRepository, PersonBatchRepository, UnsubscribeRepository, PeopleService, UnsubscribeService],
  exports: [PersonQueryRepository, PersonRepository, PersonBatchRepository, PeopleService, UnsubscribeService],
})
export class PeopleModule {}

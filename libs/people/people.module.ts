import { Module } from '@nestjs/common';
import { PeopleService } from './people.service';
import { PersonQueryRepository } from './person-query.repository';
import { PersonRepository } from './person.repository';
import { UnsubscribeRepository } from './unsubscribe.repository';
import { UnsubscribeService } from './unsubscribe.service';

@Module({
  providers: [PersonQueryRepository, PersonRepository, UnsubscribeRepository, PeopleService, UnsubscribeService],
  exports: [PersonQueryRepository, PersonRepository, PeopleService, UnsubscribeService],
})
export class PeopleModule {}

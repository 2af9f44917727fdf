import { Module } from '@nestjs/common';
import { RollupRepository } from '../scoring/rollup.repository';
import { ResponseListService } from './response-list.service';
import { ResponseQueryRepository } from './response-query.repository';
import { ResponseRecorderService } from './response-recorder.service';
import { ResponseRepository } from './response.repository';

@Module({
  providers: [ResponseRepository, ResponseQueryRepository, ResponseRecorderService, ResponseListService, RollupRepository],
  exports: [ResponseRecorderService, ResponseListService],
})
export class ResponsesModule {}

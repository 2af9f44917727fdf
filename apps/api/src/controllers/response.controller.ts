import { Controller, Get, Param, Query, StreamableFile, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Auth, AuthContext } from '../../../../libs/auth/auth-context';
import { AuthGuard } from '../../../../libs/auth/auth.guard';
import { ListResponsesDto, ResponseFilterDto } from '../../../../libs/responses/response-query.dto';
import { ResponseListService } from '../../../../libs/responses/response-list.service';

@ApiTags('responses')
@ApiBearerAuth()
@UseGuards(AuthGuard)
@Controller('api/v1')
export class ResponseController {
  constructor(private readonly responses: ResponseListService) {}

  @Get('responses')
  list(@Auth() auth: AuthContext, @Query() query: ListResponsesDto) {
    return this.responses.list(auth.workspaceId, query);
  }

  @Get('responses.csv')
  csv(@Auth() auth: AuthContext, @Query() query: ResponseFilterDto): StreamableFile {
    return new StreamableFile(this.responses.csv(auth.workspaceId, query), {
      type: 'text/csv; charset=utf-8',
      disposition: 'attachment; filename="responses.csv"',
    });
  }

  @Get('responses/:id')
  get(@Auth() auth: AuthContext, @Param('id') id: string) {
    return this.responses.get(auth.workspaceId, id);
  }
}

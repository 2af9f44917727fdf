import { Controller, Get, Query, StreamableFile, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Auth, AuthContext, AuthGuard } from '@cairn/auth';
import { ListResponsesDto, ResponseFilterDto, ResponseListService, ResponseItemResponse, ResponseListResponse } from '@cairn/responses';
import { ApiErrors, UuidParam } from '@cairn/common';

@ApiTags('responses')
@ApiBearerAuth()
@UseGuards(AuthGuard)
@ApiErrors(401, 403)
@Controller('api/v1')
export class ResponseController {
  constructor(private readonly responses: ResponseListService) {}

  @Get('responses')
  @ApiOkResponse({ type: ResponseListResponse })
  @ApiErrors(400)
  list(@Auth() auth: AuthContext, @Query() query: ListResponsesDto): Promise<ResponseListResponse> {
    return this.responses.list(auth.workspaceId, query);
  }

  @Get('responses.csv')
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'the same rows as CSV', schema: { type: 'string' } })
  @ApiErrors(400)
  csv(@Auth() auth: AuthContext, @Query() query: ResponseFilterDto): StreamableFile {
    return new StreamableFile(this.responses.csv(auth.workspaceId, query), {
      type: 'text/csv; charset=utf-8',
      disposition: 'attachment; filename="responses.csv"',
    });
  }

  @Get('responses/:id')
  @ApiOkResponse({ type: ResponseItemResponse })
  @ApiErrors(400, 404)
  get(@Auth() auth: AuthContext, @UuidParam() id: string): Promise<ResponseItemResponse> {
    return this.responses.get(auth.workspaceId, id);
  }
}

import { Body, Controller, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { RouteConfig } from '@nestjs/platform-fastify';
import { Auth, AuthContext, AuthGuard } from '@cairn/auth';
import { ApiErrors } from '@cairn/common';
import { ImportErrorResponse, ImportResponsesDto, ImportResponsesResponse, ResponseImportService } from '@cairn/responses';

@ApiTags('responses')
@ApiBearerAuth()
@UseGuards(AuthGuard)
@ApiErrors(401, 403)
@Controller('api/v1/responses')
export class ResponseImportController {
  constructor(private readonly imports: ResponseImportService) {}

  @Post('import')
  // 5,000 answers with comments outgrow the 1 MB every other route takes (create-api-app reads this).
  @RouteConfig({ bodyLimit: 16 * 1024 * 1024 })
  @ApiOperation({ summary: 'Import past answers (manager): all or nothing; answers older than 24 h announce nothing' })
  @ApiCreatedResponse({ type: ImportResponsesResponse })
  @ApiResponse({
    status: 422,
    description: 'An item is invalid (named by its index) or there are more than 5,000; nothing stored',
    type: ImportErrorResponse,
  })
  @ApiErrors(400, 409, 413)
  import(@Auth() auth: AuthContext, @Body() dto: ImportResponsesDto): Promise<ImportResponsesResponse> {
    return this.imports.import(auth.workspaceId, dto);
  }
}

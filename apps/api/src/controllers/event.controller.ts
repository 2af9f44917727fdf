import { Body, Controller, HttpCode, Post, UseGuards } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Auth, AuthContext, AuthGuard } from '@cairn/auth';
import { CreateEventDto, EventIntakeService, EventAcceptedResponse } from '@cairn/distribution';
import { ApiErrors } from '@cairn/common';

@ApiTags('events')
@ApiBearerAuth()
@UseGuards(AuthGuard)
@Controller('api/v1/events')
export class EventController {
  constructor(private readonly intake: EventIntakeService) {}

  /** 202: the invitations are queued, the emails go out later. */
  @Post()
  @HttpCode(202)
  @ApiAcceptedResponse({ type: EventAcceptedResponse })
  @ApiErrors(400, 401, 403, 409, 429)
  create(@Auth() auth: AuthContext, @Body() dto: CreateEventDto): Promise<EventAcceptedResponse> {
    return this.intake.accept(auth.workspaceId, dto);
  }
}

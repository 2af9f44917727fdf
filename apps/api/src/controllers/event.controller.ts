import { Body, Controller, HttpCode, Post, UseGuards } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Auth, AuthContext } from '../../../../libs/auth/auth-context';
import { AuthGuard } from '../../../../libs/auth/auth.guard';
import { CreateEventDto } from '../../../../libs/distribution/event.dto';
import { EventIntakeService } from '../../../../libs/distribution/event-intake.service';
import { EventAcceptedResponse } from '../../../../libs/distribution/invitation.response';
import { ApiErrors } from '../../../../libs/common/error.response';

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

import { ApiProperty } from '@nestjs/swagger';

export class TouchpointLinksResponse {
  @ApiProperty({ description: 'the public answer page: PUBLIC_BASE_URL/t/<key>?w=<workspace slug> (what the QR code holds)' })
  answer!: string;
  @ApiProperty({ description: 'the same page in kiosk mode (a tablet: large buttons, resets after each answer)' }) kiosk!: string;
  @ApiProperty({ description: 'false while the touchpoint has no active survey: the page then answers 404' }) active!: boolean;
}

class PageSourceCounts {
  @ApiProperty() qr!: number;
  @ApiProperty() kiosk!: number;
}

class ReasonCounts {
  @ApiProperty({ description: 'over the limit of one device (its id in localStorage or the page cookie)' }) device!: number;
  @ApiProperty({ description: 'over the limit of one client address' }) ip!: number;
  @ApiProperty({ description: 'over the limit of the touchpoint as a whole' }) touchpoint!: number;
}

class BlockedCounts {
  @ApiProperty() total!: number;
  @ApiProperty({ type: PageSourceCounts }) bySource!: PageSourceCounts;
  @ApiProperty({ type: ReasonCounts }) byReason!: ReasonCounts;
}

class BlockedDay {
  @ApiProperty({ example: '2026-12-03' }) day!: string;
  @ApiProperty({ enum: ['qr', 'kiosk'], enumName: 'PageSource' }) source!: string;
  @ApiProperty({ enum: ['device', 'ip', 'touchpoint'], enumName: 'AnswerLimitReason' }) reason!: string;
  @ApiProperty() count!: number;
}

class LimitView {
  @ApiProperty() limit!: number;
  @ApiProperty() windowSeconds!: number;
}

class SourceLimits {
  @ApiProperty({ type: LimitView }) device!: LimitView;
  @ApiProperty({ type: LimitView }) ip!: LimitView;
  @ApiProperty({ type: LimitView }) touchpoint!: LimitView;
}

class LimitsBySource {
  @ApiProperty({ type: SourceLimits }) qr!: SourceLimits;
  @ApiProperty({ type: SourceLimits }) kiosk!: SourceLimits;
}

/** GET /api/v1/touchpoints/:id/kiosk-stats: what the public page recorded and refused over the last 30 days. */
export class KioskStatsResponse {
  @ApiProperty({ format: 'uuid' }) touchpointId!: string;
  @ApiProperty({ description: 'start of the first UTC day counted' }) since!: string;
  @ApiProperty({ type: PageSourceCounts, description: 'answers recorded through the page' }) answers!: PageSourceCounts;
  @ApiProperty({ type: BlockedCounts, description: 'answers refused over a limit (429), counted, never stored' })
  blocked!: BlockedCounts;
  @ApiProperty({ type: [BlockedDay] }) days!: BlockedDay[];
  @ApiProperty({ type: LimitsBySource }) limits!: LimitsBySource;
}

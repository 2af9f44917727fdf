import { ApiProperty } from '@nestjs/swagger';

export class ThemeResponse {
  @ApiProperty() key!: string;
  @ApiProperty({ type: 'object', properties: { en: { type: 'string' }, sv: { type: 'string' }, da: { type: 'string' } } })
  name!: { en: string; sv: string; da: string };
  @ApiProperty({
    type: 'object',
    properties: {
      en: { type: 'array', items: { type: 'string' } },
      sv: { type: 'array', items: { type: 'string' } },
      da: { type: 'array', items: { type: 'string' } },
    },
  })
  keywords!: { en: string[]; sv: string[]; da: string[] };
  @ApiProperty({ description: 'one of the eight themes every workspace starts with' }) builtIn!: boolean;
  @ApiProperty() createdAt!: Date;
  @ApiProperty() updatedAt!: Date;
}

/** How far the background analysis of the workspace's comments is with the current themes. */
export class AnalysisProgressResponse {
  @ApiProperty({ description: 'responses with a comment' }) comments!: number;
  @ApiProperty({ description: 'of them, analysed with the current themes' }) analysed!: number;
  @ApiProperty({ description: 'still to analyse (after a theme change or an import)' }) pending!: number;
}

export class ThemeListResponse {
  @ApiProperty({ type: [ThemeResponse] }) data!: ThemeResponse[];
  @ApiProperty({ type: AnalysisProgressResponse }) analysis!: AnalysisProgressResponse;
}

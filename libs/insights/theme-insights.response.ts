import { ApiProperty } from '@nestjs/swagger';

export class SentimentSplitResponse {
  @ApiProperty() positive!: number;
  @ApiProperty() neutral!: number;
  @ApiProperty() negative!: number;
}

export class ThemeInsightResponse {
  @ApiProperty() theme!: string;
  @ApiProperty({ description: "the theme's name in English (the dashboard's language)" }) name!: string;
  @ApiProperty({ description: 'answers whose comment mentions the theme' }) mentions!: number;
  @ApiProperty({ description: 'mentions ÷ answers with an analysed comment (0..1)' }) share!: number;
  @ApiProperty({ type: SentimentSplitResponse, description: 'of the comments that mention the theme' })
  sentiment!: SentimentSplitResponse;
  @ApiProperty({ type: Number, nullable: true, description: 'score of the answers that mention the theme' }) scoreWith!: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'score of the answers that do not' }) scoreWithout!: number | null;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'score of all answers − scoreWithout, in points: what the theme costs (negative) or earns (positive)',
  })
  impact!: number | null;
}

export class ThemeInsightsResponse {
  @ApiProperty({ enum: ['nps', 'csat', 'ces'], enumName: 'Metric' }) metric!: string;
  @ApiProperty({ description: 'answers in the scope' }) n!: number;
  @ApiProperty({ description: 'answers with an analysed comment' }) comments!: number;
  @ApiProperty({ type: Number, nullable: true }) score!: number | null;
  @ApiProperty({ type: SentimentSplitResponse, description: 'of all analysed comments' }) sentiment!: SentimentSplitResponse;
  @ApiProperty({ type: [ThemeInsightResponse], description: 'themes mentioned at least once, most mentioned first' })
  data!: ThemeInsightResponse[];
}

export class ThemeSuggestionResponse {
  @ApiProperty({ description: 'the word or phrase as most often written' }) phrase!: string;
  @ApiProperty({ enum: ['en', 'sv', 'da'], enumName: 'CommentLanguage' }) language!: string;
  @ApiProperty({ description: 'comments it occurs in' }) count!: number;
  @ApiProperty({ type: [String], description: 'up to three comments that contain it' }) examples!: string[];
}

export class ThemeSuggestionsResponse {
  @ApiProperty({ description: 'analysed comments read (the newest, at most 5,000)' }) comments!: number;
  @ApiProperty({ type: [ThemeSuggestionResponse] }) data!: ThemeSuggestionResponse[];
}

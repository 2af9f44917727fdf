import { Module } from '@nestjs/common';
import { ScoresModule } from '@cairn/scores';
import { CommentAnalysisRepository } from './comment-analysis.repository';
import { CommentAnalysisService } from './comment-analysis.service';
import { ThemeInsightsRepository } from './theme-insights.repository';
import { ThemeInsightsService } from './theme-insights.service';
import { ThemeRepository } from './theme.repository';
import { ThemeService } from './theme.service';

/** Comment analysis (sentiment, themes) and what it tells: theme insights and suggestions. */
@Module({
  imports: [ScoresModule],
  providers: [
    ThemeRepository,
    CommentAnalysisRepository,
    ThemeInsightsRepository,
    ThemeService,
    CommentAnalysisService,
    ThemeInsightsService,
  ],
  exports: [ThemeService, CommentAnalysisService, ThemeInsightsService],
})
export class InsightsModule {}

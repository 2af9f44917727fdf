import { Module } from '@nestjs/common';
import { ScoresModule } from '@cairn/scores';
import { BrowserRenderer } from './browser-renderer';
import { MapExportService } from './map-export.service';

/** The map's PDF/PNG export; BrowserRenderer is provided here only, so a process has one browser. */
@Module({
  imports: [ScoresModule],
  providers: [BrowserRenderer, MapExportService],
  exports: [MapExportService],
})
export class MapExportModule {}

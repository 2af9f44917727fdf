import { Readable } from 'node:stream';
import { BadRequestException, Injectable, NotFoundException } from '@nestjs/common';
import { decodeCursor, encodeCursor, ResponseCursor } from './response-cursor';
import { csvHeader, csvRow } from './response-csv';
import { ListResponsesDto, ResponseFilterDto } from './response-query.dto';
import { ResponseQueryRepository } from './response-query.repository';
import { toResponseDto } from './response.mapper';

export const CSV_BATCH = 500;

@Injectable()
export class ResponseListService {
  constructor(private readonly query: ResponseQueryRepository) {}

  async list(workspaceId: string, dto: ListResponsesDto) {
    checkRange(dto);
    const limit = dto.limit ?? 50;
    const after = dto.cursor ? decodeCursor(dto.cursor) : null;
    // One extra row tells whether another page exists without a count query.
    const rows = await this.query.page(workspaceId, dto, after, limit + 1);
    const data = rows.slice(0, limit);
    const last = data[data.length - 1];
    return { data: data.map(toResponseDto), nextCursor: rows.length > limit && last ? encodeCursor(last) : null };
  }

  async get(workspaceId: string, id: string) {
    const row = await this.query.find(workspaceId, id);
    if (!row) throw new NotFoundException('Response not found');
    return toResponseDto(row);
  }

  /** The CSV export as a stream; bad filters fail here, before any byte is sent. */
  csv(workspaceId: string, filter: ResponseFilterDto): Readable {
    checkRange(filter);
    return Readable.from(this.csvLines(workspaceId, filter));
  }

  /** Read in keyset batches, so an export of any size holds one batch in memory. */
  private async *csvLines(workspaceId: string, filter: ResponseFilterDto): AsyncGenerator<string> {
    // The BOM makes spreadsheet apps read the UTF-8 (å, ø, æ in comments) correctly.
    yield `\uFEFF${csvHeader()}`;
    let after: ResponseCursor | null = null;
    for (;;) {
      const rows = await this.query.page(workspaceId, filter, after, CSV_BATCH);
      if (rows.length) yield rows.map(csvRow).join('');
      if (rows.length < CSV_BATCH) return;
      after = rows[rows.length - 1];
    }
  }
}

function checkRange(filter: ResponseFilterDto): void {
  if (filter.since && filter.until && new Date(filter.since) >= new Date(filter.until)) {
    throw new BadRequestException('since must be before until');
  }
}

import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import type { ThemeDefinition } from '@cairn/comments';
import type { Theme } from '@cairn/database';
import { Tx } from '@cairn/database';
import { OutboxRepository, OutboxTransactionRunner } from '@cairn/outbox';
import { analyseCommentsMessage } from '@cairn/responses';
import { CommentAnalysisRepository } from './comment-analysis.repository';
import { CreateThemeDto, ThemeKeywordsDto, UpdateThemeDto } from './theme.dto';
import { ThemeRepository } from './theme.repository';
import { ThemeListResponse, ThemeResponse } from './theme.response';

const LANGUAGES = ['en', 'sv', 'da'] as const;

/**
 * A workspace's themes; the built-in ones are written with the workspace (WorkspaceRepository.ensure). A change
 * re-analyses its past comments in the background.
 */
@Injectable()
export class ThemeService {
  constructor(
    private readonly themes: ThemeRepository,
    private readonly analyses: CommentAnalysisRepository,
    private readonly transactions: OutboxTransactionRunner,
    private readonly outbox: OutboxRepository,
  ) {}

  async list(workspaceId: string): Promise<ThemeListResponse> {
    const [themes, version] = await Promise.all([this.themes.list(workspaceId), this.themes.version(workspaceId)]);
    const progress = await this.analyses.progress(workspaceId, version);
    return {
      data: themes.map(toResponse),
      analysis: { comments: progress.comments, analysed: progress.current, pending: progress.comments - progress.current },
    };
  }

  async create(workspaceId: string, dto: CreateThemeDto): Promise<ThemeResponse> {
    if (await this.themes.find(workspaceId, dto.key)) throw new ConflictException(`a theme with the key ${dto.key} exists`);
    const theme = await this.change(workspaceId, (tx) =>
      this.themes.create(tx, workspaceId, dto.key, { name: names(dto.name), keywords: keywords(dto.keywords) }),
    ).catch((error: { code?: string }) => {
      // Two creates of one key at once: the unique index decides.
      if (error.code === 'P2002') throw new ConflictException(`a theme with the key ${dto.key} exists`);
      throw error;
    });
    return toResponse(theme);
  }

  async update(workspaceId: string, key: string, dto: UpdateThemeDto): Promise<ThemeResponse> {
    const theme = await this.existing(workspaceId, key);
    const current = theme.keywords as Record<string, string[]>;
    const updated = await this.change(workspaceId, (tx) =>
      this.themes.update(tx, theme.id, {
        name: dto.name ? names(dto.name) : undefined,
        keywords: dto.keywords ? { ...current, ...keywords(dto.keywords, false) } : undefined,
      }),
    );
    return toResponse(updated);
  }

  async remove(workspaceId: string, key: string): Promise<void> {
    const theme = await this.existing(workspaceId, key);
    await this.change(workspaceId, (tx) => this.themes.delete(tx, theme.id));
  }

  /** The workspace's themes for the matcher, and the version analyses made with them carry. */
  async definitions(workspaceId: string): Promise<{ version: number; themes: ThemeDefinition[] }> {
    const { version, themes } = await this.themes.withVersion(workspaceId);
    return { version, themes: themes.map((theme) => ({ key: theme.key, keywords: toResponse(theme).keywords })) };
  }

  version(workspaceId: string): Promise<number> {
    return this.themes.version(workspaceId);
  }

  /** A theme change, the new version and the re-analysis job, in one transaction. */
  private change<T>(workspaceId: string, work: (tx: Tx) => Promise<T>): Promise<T> {
    return this.transactions.run(async (tx) => {
      const result = await work(tx);
      await this.themes.bumpVersion(tx, workspaceId);
      await this.outbox.add(tx, [analyseCommentsMessage(workspaceId)]);
      return result;
    });
  }

  private async existing(workspaceId: string, key: string): Promise<Theme> {
    const theme = await this.themes.find(workspaceId, key);
    if (!theme) throw new NotFoundException(`no theme with the key ${key}`);
    return theme;
  }
}

function names(name: { en: string; sv?: string; da?: string }) {
  return { en: name.en, sv: name.sv ?? name.en, da: name.da ?? name.en };
}

/** Trimmed, lower-cased and deduplicated; on create every language is set (empty where none was given). */
function keywords(dto: ThemeKeywordsDto, complete = true): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const language of LANGUAGES) {
    const words = dto[language];
    if (words === undefined && !complete) continue;
    out[language] = [...new Set((words ?? []).map((word) => word.trim().toLowerCase()).filter(Boolean))];
  }
  return out;
}

function toResponse(theme: Theme): ThemeResponse {
  const name = theme.name as Partial<Record<string, string>>;
  const words = theme.keywords as Partial<Record<string, string[]>>;
  return {
    key: theme.key,
    name: { en: name.en ?? theme.key, sv: name.sv ?? name.en ?? theme.key, da: name.da ?? name.en ?? theme.key },
    keywords: { en: words.en ?? [], sv: words.sv ?? [], da: words.da ?? [] },
    builtIn: theme.builtIn,
    createdAt: theme.createdAt,
    updatedAt: theme.updatedAt,
  };
}

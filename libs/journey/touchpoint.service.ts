import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { PrismaService } from '@cairn/database';
import { toTouchpointDto } from './journey.mapper';
import { JourneyRepository } from './journey.repository';
import { CreateTouchpointDto, UpdateTouchpointDto } from './touchpoint.dto';

@Injectable()
export class TouchpointService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly journeys: JourneyRepository,
  ) {}

  async list(workspaceId: string, filter: { stageId?: string; journeyId?: string }) {
    const rows = await this.prisma.touchpoint.findMany({
      where: { workspaceId, journey: { archivedAt: null }, ...filter },
      orderBy: [{ stageId: 'asc' }, { position: 'asc' }, { createdAt: 'asc' }],
    });
    return { data: rows.map(toTouchpointDto) };
  }

  async get(workspaceId: string, id: string) {
    const row = await this.find(workspaceId, id);
    return toTouchpointDto(row);
  }

  async create(workspaceId: string, dto: CreateTouchpointDto) {
    const stage = await this.journeys.findStage(workspaceId, dto.stageId);
    if (!stage) throw new NotFoundException('Stage not found');
    await this.assertKeyFree(workspaceId, dto.key);
    const position = await this.prisma.touchpoint.count({ where: { stageId: stage.id } });
    const row = await this.prisma.touchpoint.create({
      data: { ...dto, workspaceId, journeyId: stage.journeyId, stageId: stage.id, position },
    });
    return toTouchpointDto(row);
  }

  async update(workspaceId: string, id: string, dto: UpdateTouchpointDto) {
    const existing = await this.find(workspaceId, id);
    if (dto.stageId && dto.stageId !== existing.stageId) {
      const stage = await this.journeys.findStage(workspaceId, dto.stageId);
      if (!stage || stage.journeyId !== existing.journeyId) {
        throw new NotFoundException("Stage not found in this touchpoint's journey");
      }
    }
    if (dto.key && dto.key !== existing.key) await this.assertKeyFree(workspaceId, dto.key);
    const row = await this.prisma.touchpoint.update({ where: { id }, data: dto });
    return toTouchpointDto(row);
  }

  async delete(workspaceId: string, id: string): Promise<void> {
    await this.find(workspaceId, id);
    const [responses, invitations] = await Promise.all([
      this.prisma.response.count({ where: { touchpointId: id } }),
      this.prisma.invitation.count({ where: { survey: { touchpointId: id } } }),
    ]);
    if (responses || invitations) {
      throw new ConflictException('Touchpoint has responses or invitations; archive its journey or deactivate its surveys instead');
    }
    await this.prisma.touchpoint.delete({ where: { id } });
  }

  async find(workspaceId: string, id: string) {
    const row = await this.prisma.touchpoint.findFirst({ where: { id, workspaceId, journey: { archivedAt: null } } });
    if (!row) throw new NotFoundException('Touchpoint not found');
    return row;
  }

  private async assertKeyFree(workspaceId: string, key: string): Promise<void> {
    if (await this.prisma.touchpoint.findUnique({ where: { workspaceId_key: { workspaceId, key } } })) {
      throw new ConflictException(`Touchpoint key "${key}" is already used in this workspace`);
    }
  }
}

import { Injectable } from '@nestjs/common';
import { PrismaService } from '@cairn/database';
import type { Prisma } from '@cairn/database';

@Injectable()
export class PersonaRepository {
  constructor(private readonly prisma: PrismaService) {}

  list(workspaceId: string) {
    return this.prisma.persona.findMany({ where: { workspaceId }, orderBy: { name: 'asc' } });
  }

  find(workspaceId: string, id: string) {
    return this.prisma.persona.findFirst({ where: { id, workspaceId } });
  }

  findByName(workspaceId: string, name: string) {
    return this.prisma.persona.findUnique({ where: { workspaceId_name: { workspaceId, name } } });
  }

  create(data: Prisma.PersonaUncheckedCreateInput) {
    return this.prisma.persona.create({ data });
  }

  update(id: string, data: Prisma.PersonaUncheckedUpdateInput) {
    return this.prisma.persona.update({ where: { id }, data });
  }

  async delete(id: string): Promise<void> {
    await this.prisma.persona.delete({ where: { id } });
  }
}

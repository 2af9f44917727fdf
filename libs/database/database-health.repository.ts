import { Injectable } from '@nestjs/common';
import { PrismaService } from './prisma.service';

/** The readiness probe's question to PostgreSQL: does a query come back? */
@Injectable()
export class DatabaseHealthRepository {
  constructor(private readonly prisma: PrismaService) {}

  async ping(): Promise<void> {
    await this.prisma.$queryRaw`SELECT 1`;
  }
}

import { Injectable } from '@nestjs/common';
import { PrismaService } from '@cairn/database';

@Injectable()
export class OperatorRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** An enabled user's email and the slug of their workspace. */
  enabledUser(userId: string) {
    return this.prisma.user.findFirst({
      where: { id: userId, disabledAt: null },
      select: { email: true, workspace: { select: { slug: true } } },
    });
  }
}

import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { normalizeEmail } from '@cairn/common';
import { PasswordHasher } from './password-hasher';
import { CreateUserDto, UpdateUserDto } from './user.dto';
import { toUserDto } from './user.mapper';
import { UserRepository } from './user.repository';

@Injectable()
export class UserService {
  constructor(
    private readonly users: UserRepository,
    private readonly hasher: PasswordHasher,
  ) {}

  async list(workspaceId: string) {
    return { data: (await this.users.list(workspaceId)).map(toUserDto) };
  }

  async get(workspaceId: string, id: string) {
    return toUserDto(await this.find(workspaceId, id));
  }

  async create(workspaceId: string, dto: CreateUserDto) {
    const email = normalizeEmail(dto.email);
    const passwordHash = await this.hasher.hash(dto.password);
    try {
      const user = await this.users.create({ workspaceId, email, name: dto.name, role: dto.role, passwordHash });
      return toUserDto(user);
    } catch (error) {
      if ((error as { code?: string }).code === 'P2002') throw new ConflictException(`A user with the email ${email} already exists`);
      throw error;
    }
  }

  async update(workspaceId: string, id: string, dto: UpdateUserDto) {
    const existing = await this.find(workspaceId, id);
    const losesAdmin =
      existing.role === 'admin' && existing.disabledAt === null && ((dto.role && dto.role !== 'admin') || dto.enabled === false);
    if (losesAdmin) await this.assertAnotherAdmin(workspaceId);
    const disabling = dto.enabled === false && existing.disabledAt === null;
    const user = await this.users.update(
      id,
      {
        name: dto.name,
        role: dto.role,
        notifyOnCase: dto.notifyOnCase,
        passwordHash: dto.password ? await this.hasher.hash(dto.password) : undefined,
        disabledAt: dto.enabled === undefined ? undefined : dto.enabled ? null : (existing.disabledAt ?? new Date()),
      },
      // A new password or a disabled account must not leave old sessions alive.
      disabling || Boolean(dto.password),
    );
    return toUserDto(user);
  }

  async delete(workspaceId: string, id: string): Promise<void> {
    const existing = await this.find(workspaceId, id);
    if (existing.role === 'admin' && existing.disabledAt === null) await this.assertAnotherAdmin(workspaceId);
    await this.users.delete(id);
  }

  private async find(workspaceId: string, id: string) {
    const user = await this.users.find(workspaceId, id);
    if (!user) throw new NotFoundException('User not found');
    return user;
  }

  /** A workspace never loses its last enabled admin: nobody could manage users any more. */
  private async assertAnotherAdmin(workspaceId: string): Promise<void> {
    if ((await this.users.countActiveAdmins(workspaceId)) <= 1) {
      throw new ConflictException('This is the last enabled admin of the workspace');
    }
  }
}

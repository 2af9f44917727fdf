import type { User } from '@cairn/database';

/** What the API shows of a user: never the password hash. */
export function toUserDto(u: User) {
  return {
    id: u.id,
    email: u.email,
    name: u.name,
    role: u.role,
    enabled: u.disabledAt === null,
    notifyOnCase: u.notifyOnCase,
    createdAt: u.createdAt,
    updatedAt: u.updatedAt,
  };
}

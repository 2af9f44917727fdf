import { Inject, Injectable } from '@nestjs/common';
import type { AuthContext } from '@cairn/auth';
import { normalizeEmail } from '@cairn/common';
import { AppConfig, APP_CONFIG } from '@cairn/config';
import { DEFAULT_WORKSPACE } from '@cairn/workspace';
import { OperatorRepository } from './operator.repository';

/**
 * Instance operators see instance-wide things (the queue board). An operator
 * is a dashboard user listed in OPERATOR_EMAILS *and* a member of the
 * `default` workspace, which the instance creates for its owner: an email
 * alone would not do, as any workspace's admin can add a user with any
 * address to their own workspace. API keys never make anyone an operator.
 */
@Injectable()
export class OperatorService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly users: OperatorRepository,
  ) {}

  async isOperator(auth: AuthContext | null | undefined): Promise<boolean> {
    if (!auth?.actor.startsWith('user:')) return false;
    const user = await this.users.enabledUser(auth.actor.slice('user:'.length));
    return Boolean(user && user.workspace.slug === DEFAULT_WORKSPACE && this.config.operatorEmails.includes(normalizeEmail(user.email)));
  }
}

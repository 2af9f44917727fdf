import { Global, Module } from '@nestjs/common';
import { WorkspaceBootstrapService } from './workspace-bootstrap.service';
import { WorkspaceRepository } from './workspace.repository';

@Global()
@Module({
  providers: [WorkspaceRepository, WorkspaceBootstrapService],
  exports: [WorkspaceRepository, WorkspaceBootstrapService],
})
export class WorkspaceModule {}

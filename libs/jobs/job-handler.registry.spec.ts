import { Injectable, Module } from '@nestjs/common';
import { DiscoveryModule, NestFactory } from '@nestjs/core';
import { JobHandlerRegistry } from './job-handler.registry';
import { JobName } from './job.types';
import { OnJob } from './on-job.decorator';

@Injectable()
class RelayOnly {
  @OnJob(JobName.RelayOutbox)
  async relay() {
    return 'relayed';
  }
}

@Injectable()
class DispatchToo {
  @OnJob(JobName.DispatchEvent)
  async dispatch(data: { outboxEventId: string }) {
    return data.outboxEventId;
  }
}

async function registryWith(...providers: Array<new () => object>) {
  @Module({ imports: [DiscoveryModule], providers: [JobHandlerRegistry, ...providers] })
  class TestModule {}
  const context = await NestFactory.createApplicationContext(TestModule, { logger: false });
  return context.get(JobHandlerRegistry);
}

describe('JobHandlerRegistry', () => {
  it('refuses to start when a job has no handler', async () => {
    const registry = await registryWith(RelayOnly);
    const missing = Object.values(JobName).filter((name) => name !== JobName.RelayOutbox);
    expect(() => registry.collect()).toThrow(new RegExp(`no handler for job\\(s\\) ${missing.join(', ')}`));
  });

  it('maps each job name to its service method', async () => {
    const registry = await registryWith(RelayOnly, DispatchToo, ...extraHandlers());
    const handlers = registry.collect();
    await expect(handlers.get(JobName.DispatchEvent)!({ outboxEventId: 'e1' }, {} as never)).resolves.toBe('e1');
    await expect(handlers.get(JobName.RelayOutbox)!({}, {} as never)).resolves.toBe('relayed');
  });
});

/** Handlers for job names added after these two, so the second test keeps checking only the mapping. */
function extraHandlers(): Array<new () => object> {
  return Object.values(JobName)
    .filter((name) => name !== JobName.RelayOutbox && name !== JobName.DispatchEvent)
    .map((name) => {
      @Injectable()
      class Extra {
        @OnJob(name)
        async handle() {
          return name;
        }
      }
      return Extra;
    });
}

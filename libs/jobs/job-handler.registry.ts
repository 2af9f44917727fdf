import { Injectable } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { JobHandler } from './job.repository';
import { JobName } from './job.types';
import { ON_JOB } from './on-job.decorator';

/** Finds every @OnJob method; refuses to run with a job that nobody handles. */
@Injectable()
export class JobHandlerRegistry {
  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
  ) {}

  collect(): Map<JobName, JobHandler> {
    const handlers = new Map<JobName, JobHandler>();
    for (const wrapper of this.discovery.getProviders()) {
      const instance = wrapper.instance as Record<string, unknown> | undefined;
      if (!instance || typeof instance !== 'object') continue;
      const prototype = Object.getPrototypeOf(instance);
      for (const method of this.scanner.getAllMethodNames(prototype)) {
        const name = this.reflector.get<JobName | undefined>(ON_JOB, prototype[method]);
        if (!name) continue;
        if (handlers.has(name)) throw new Error(`job ${name} has two handlers`);
        handlers.set(name, (data, job) => (instance[method] as (d: unknown, j: unknown) => Promise<unknown>).call(instance, data, job));
      }
    }
    const missing = Object.values(JobName).filter((name) => !handlers.has(name));
    if (missing.length) throw new Error(`refusing to start: no handler for job(s) ${missing.join(', ')}`);
    return handlers;
  }
}

import { JourneyService, TouchpointService } from '@cairn/journey';
import type { ChannelName } from '@cairn/journey';
import { FactoryContext, unique } from './factory-context';

/** A journey with its stages, through JourneyService (the test module must include JourneyModule). */
export function createJourney(t: FactoryContext, workspaceId: string, input: { name?: string; stages?: string[] } = {}) {
  const stages = (input.stages ?? ['Buy', 'Use']).map((name) => ({ name }));
  return t.get(JourneyService).create(workspaceId, { name: input.name ?? unique('journey'), stages });
}

export interface TouchpointInput {
  stageId: string;
  key?: string;
  name?: string;
  channel?: ChannelName;
}

/** A touchpoint on an existing stage, through TouchpointService. */
export function createTouchpoint(t: FactoryContext, workspaceId: string, input: TouchpointInput) {
  const key = input.key ?? unique('tp');
  return t.get(TouchpointService).create(workspaceId, {
    stageId: input.stageId,
    key,
    name: input.name ?? `Touchpoint ${key}`,
    channel: input.channel ?? 'email',
  });
}

/** The usual starting point of a test: a journey with one stage holding one touchpoint. */
export async function createTouchpointWithJourney(t: FactoryContext, workspaceId: string, input: Partial<TouchpointInput> = {}) {
  const journey = await createJourney(t, workspaceId, { stages: ['Stage'] });
  const touchpoint = await createTouchpoint(t, workspaceId, { ...input, stageId: input.stageId ?? journey.stages[0].id });
  return { journey, touchpoint };
}

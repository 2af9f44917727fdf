import type { Journey, Stage, Touchpoint } from '@cairn/database';
import type { JourneyResponse, StageResponse, TouchpointResponse } from './journey.response';

export function toTouchpointDto(t: Touchpoint): TouchpointResponse {
  return {
    id: t.id,
    journeyId: t.journeyId,
    stageId: t.stageId,
    name: t.name,
    key: t.key,
    channel: t.channel,
    description: t.description,
    owner: t.owner,
    target: t.target,
    position: t.position,
    createdAt: t.createdAt,
    updatedAt: t.updatedAt,
  };
}

export function toStageDto(s: Stage & { touchpoints?: Touchpoint[] }): StageResponse {
  return {
    id: s.id,
    journeyId: s.journeyId,
    name: s.name,
    description: s.description,
    customerGoal: s.customerGoal,
    customerActions: s.customerActions ?? [],
    position: s.position,
    ...(s.touchpoints ? { touchpoints: s.touchpoints.map(toTouchpointDto) } : {}),
    createdAt: s.createdAt,
    updatedAt: s.updatedAt,
  };
}

export function toJourneyDto(j: Journey & { stages: Array<Stage & { touchpoints?: Touchpoint[] }> }): JourneyResponse {
  return {
    id: j.id,
    name: j.name,
    description: j.description,
    stages: j.stages.map(toStageDto),
    createdAt: j.createdAt,
    updatedAt: j.updatedAt,
  };
}

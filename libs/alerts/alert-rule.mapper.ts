import type { AlertRule } from '@cairn/database';

export function toAlertRuleDto(r: AlertRule) {
  const common = {
    id: r.id,
    name: r.name,
    kind: r.kind,
    enabled: r.enabled,
    isDefault: r.isDefault,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  };
  if (r.kind === 'response') {
    return {
      ...common,
      metric: r.metric,
      scoreAtMost: r.scoreAtMost,
      thresholds: r.thresholds,
      touchpointIds: [...(r.touchpointId ? [r.touchpointId] : []), ...r.touchpointIds],
    };
  }
  return {
    ...common,
    metric: r.metric,
    touchpointId: r.touchpointId,
    stageId: r.stageId,
    below: r.below,
    windowDays: r.windowDays,
    minResponses: r.minResponses,
    triggered: r.triggered,
  };
}

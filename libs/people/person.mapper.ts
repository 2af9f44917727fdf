import type { Person } from '@cairn/database';

export interface PersonDto {
  id: string;
  email: string | null;
  externalId: string | null;
  name: string | null;
  phoneNumber: string | null;
  locale: string | null;
  properties: Record<string, unknown>;
  unsubscribedAt: Date | null;
  lastSurveyedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export function toPersonDto(row: Person): PersonDto {
  return {
    id: row.id,
    email: row.email,
    externalId: row.externalId,
    name: row.name,
    phoneNumber: row.phoneNumber,
    locale: row.locale,
    properties: (row.properties ?? {}) as Record<string, unknown>,
    unsubscribedAt: row.unsubscribedAt,
    lastSurveyedAt: row.lastSurveyedAt,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

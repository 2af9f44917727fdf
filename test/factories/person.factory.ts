import { TransactionRunner } from '@cairn/database';
import { uuid7 } from '@cairn/common';
import { PersonInput, PersonRepository } from '@cairn/people';
import { FactoryContext, unique } from './factory-context';

/** A person, upserted by address as event intake does (the test module must include PeopleModule). */
export function createPerson(t: FactoryContext, workspaceId: string, input: Partial<PersonInput> = {}) {
  const email = input.email ?? `${unique('person')}@example.com`;
  return t.get(TransactionRunner).run((tx) => t.get(PersonRepository).upsertByEmail(tx, workspaceId, { ...input, email }, uuid7()));
}

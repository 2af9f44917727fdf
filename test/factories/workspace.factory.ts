import { WorkspaceRepository } from '@cairn/workspace';
import { FactoryContext, unique } from './factory-context';

/** A workspace made the way the product makes one: with its default detractor rule. */
export async function createWorkspace(t: FactoryContext, input: { slug?: string; name?: string } = {}) {
  const slug = input.slug ?? unique('ws');
  return t.get(WorkspaceRepository).ensure(slug, input.name ?? `Company ${slug}`);
}

// Choices for the segment and persona filters, loaded once per page view.
import { get } from '../api.js';

export async function loadFilterOptions() {
  const [segments, personas] = await Promise.all([
    get('/api/v1/dashboard/segments').catch(() => ({ properties: {} })),
    get('/api/v1/personas').catch(() => ({ data: [] })),
  ]);
  return { segments: segments.properties ?? {}, personas: personas.data ?? [] };
}

// Shared factories of the service test tier: rows made through the product's own services and
// repositories, so a test's data obeys the same rules as production data. One file per entity.
export { type FactoryContext, unique } from './factory-context';
export { createWorkspace } from './workspace.factory';
export { createJourney, createTouchpoint, createTouchpointWithJourney, type TouchpointInput } from './journey.factory';
export { createSurvey } from './survey.factory';
export { createPerson } from './person.factory';
export { createInvitation } from './invitation.factory';
export { createPastResponse, createResponse, type ResponseInput } from './response.factory';
export { createCase } from './case.factory';

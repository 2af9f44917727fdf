import type { Messages } from './messages.en.js';

export const sv: Messages = {
  'survey.nps.question': 'Hur troligt är det att du skulle rekommendera {{company}} till en vän eller kollega?',
  'survey.nps.lowLabel': 'Inte alls troligt',
  'survey.nps.highLabel': 'Mycket troligt',
  'survey.csat.question': 'Hur nöjd var du med {{touchpoint}}?',
  'survey.csat.lowLabel': 'Mycket missnöjd',
  'survey.csat.highLabel': 'Mycket nöjd',
  'survey.ces.intro': 'Hur väl instämmer du i följande påstående?',
  'survey.ces.question': '{{company}} gjorde det enkelt för mig att få hjälp med mitt ärende.',
  'survey.ces.lowLabel': 'Instämmer inte alls',
  'survey.ces.highLabel': 'Instämmer helt',
  'survey.commentPrompt': 'Vad är den främsta anledningen till ditt betyg?',

  'email.subject': 'En snabb fråga från {{company}}',
  'email.reminderSubject': 'Påminnelse: {{subject}}',
  'email.greeting': 'Hej {{name}}!',
  'email.instruction': 'Klicka på en siffra nedan. Det tar bara ett ögonblick.',
  'email.unsubscribeNote': 'Vill du inte få fler enkäter från {{company}}?',
  'email.unsubscribe': 'Avregistrera dig',

  'page.addComment': 'Lägg till en kommentar',
  'page.submit': 'Skicka',
  'page.thanks': 'Tack för din feedback',
  'page.updated': 'Ditt svar har uppdaterats',
  'page.unsubscribed': 'Du är nu avregistrerad',
  'page.invalidLink': 'Den här länken är inte längre giltig',
  'page.saved': 'Ditt betyg har sparats. Lägg gärna till en kommentar.',
  'page.locked': 'Ditt svar har registrerats och kan inte längre ändras.',
  'page.chooseScore': 'Välj ett betyg.',
  'page.unsubscribeConfirm': 'Vill du sluta få enkäter från {{company}}?',
  'page.error': 'Något gick fel. Försök igen.',
};

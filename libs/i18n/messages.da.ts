import type { Messages } from './messages.en.js';

export const da: Messages = {
  'survey.nps.question': 'Hvor sandsynligt er det, at du vil anbefale {{company}} til en ven eller kollega?',
  'survey.nps.lowLabel': 'Slet ikke sandsynligt',
  'survey.nps.highLabel': 'Meget sandsynligt',
  'survey.csat.question': 'Hvor tilfreds var du med {{touchpoint}}?',
  'survey.csat.lowLabel': 'Meget utilfreds',
  'survey.csat.highLabel': 'Meget tilfreds',
  'survey.ces.intro': 'Hvor enig er du i følgende udsagn?',
  'survey.ces.question': '{{company}} gjorde det nemt for mig at få løst min sag.',
  'survey.ces.lowLabel': 'Helt uenig',
  'survey.ces.highLabel': 'Helt enig',
  'survey.commentPrompt': 'Hvad er den vigtigste årsag til din vurdering?',

  'email.subject': 'Et hurtigt spørgsmål fra {{company}}',
  'email.reminderSubject': 'Påmindelse: {{subject}}',
  'email.greeting': 'Hej {{name}}',
  'email.instruction': 'Klik på et tal nedenfor. Det tager kun et øjeblik.',
  'email.unsubscribeNote': 'Vil du ikke modtage flere undersøgelser fra {{company}}?',
  'email.unsubscribe': 'Afmeld',

  'page.addComment': 'Tilføj en kommentar',
  'page.submit': 'Send',
  'page.thanks': 'Tak for din feedback',
  'page.updated': 'Dit svar er blevet opdateret',
  'page.unsubscribed': 'Du er nu afmeldt',
  'page.invalidLink': 'Dette link er ikke længere gyldigt',
  'page.saved': 'Din bedømmelse er gemt. Tilføj gerne en kommentar.',
  'page.locked': 'Dit svar er registreret og kan ikke længere ændres.',
  'page.chooseScore': 'Vælg venligst en bedømmelse.',
  'page.unsubscribeConfirm': 'Vil du ikke længere modtage undersøgelser fra {{company}}?',
  'page.error': 'Noget gik galt. Prøv igen.',
};

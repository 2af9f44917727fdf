// The English catalog defines the set of keys; every other locale must provide all of them.
// Placeholders ({{company}}, {{touchpoint}}, {{name}}, {{subject}}) are filled at render time.
export const en = {
  'survey.nps.question': 'How likely are you to recommend {{company}} to a friend or colleague?',
  'survey.nps.lowLabel': 'Not at all likely',
  'survey.nps.highLabel': 'Extremely likely',
  'survey.csat.question': 'How satisfied were you with {{touchpoint}}?',
  'survey.csat.lowLabel': 'Very dissatisfied',
  'survey.csat.highLabel': 'Very satisfied',
  // CES is a statement to agree with, so the email needs a line that says so.
  'survey.ces.intro': 'How much do you agree with the following statement?',
  'survey.ces.question': '{{company}} made it easy for me to handle my issue.',
  'survey.ces.lowLabel': 'Strongly disagree',
  'survey.ces.highLabel': 'Strongly agree',
  'survey.commentPrompt': 'What is the main reason for your score?',

  'email.subject': 'A quick question from {{company}}',
  // Wraps whatever subject the first email had, so custom subjects get a reminder form too.
  'email.reminderSubject': 'Reminder: {{subject}}',
  'email.greeting': 'Hi {{name}},',
  'email.instruction': 'Click a number below. It only takes a moment.',
  'email.unsubscribeNote': 'Don’t want surveys from {{company}}?',
  'email.unsubscribe': 'Unsubscribe',

  'page.addComment': 'Add a comment',
  'page.submit': 'Send',
  'page.thanks': 'Thank you for your feedback',
  'page.updated': 'Your answer was updated',
  'page.unsubscribed': 'You have been unsubscribed',
  'page.invalidLink': 'This link is no longer valid',
  'page.saved': 'Your score was saved. Add a comment if you like.',
  'page.locked': 'Your answer was recorded and can no longer be changed.',
  'page.editUntil': 'You can change your answer until {{when}}.',
  'page.chooseScore': 'Please choose a score.',
  'page.unsubscribeConfirm': 'Stop receiving surveys from {{company}}?',
  'page.error': 'Something went wrong. Please try again.',
  'page.tooMany': 'Too many answers from this device just now. Please try again in a little while.',
} as const;

export type MessageKey = keyof typeof en;
export type Messages = Record<MessageKey, string>;

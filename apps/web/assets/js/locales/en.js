// English texts of the dashboard. Another language = a file like this one with
// the same keys, registered in i18n.js; missing keys fall back to English.
export const en = {
  'common.loading': 'Loading…', 'common.save': 'Save', 'common.close': 'Close', 'common.edit': 'Edit', 'common.view': 'View',
  'common.delete': 'Delete', 'common.yes': 'Yes', 'common.no': 'No', 'common.adminOnly': 'Only admins can change these settings.',

  'login.tagline': 'Customer experience, stage by stage.', 'login.email': 'Email', 'login.password': 'Password',
  'login.submit': 'Sign in', 'login.wrong': 'Email or password is wrong.',

  'nav.label': 'Main', 'nav.menu': 'Menu', 'nav.map': 'Journey map', 'nav.cases': 'Cases', 'nav.settings': 'Settings',
  'nav.surveys': 'Surveys', 'nav.alertRules': 'Alert rules', 'nav.webhooks': 'Webhooks', 'nav.apiKeys': 'API keys',
  'nav.users': 'Users', 'nav.queues': 'Job queues', 'nav.signOut': 'Sign out',
  'role.admin': 'Admin', 'role.manager': 'Manager', 'role.viewer': 'Viewer',

  'metric.nps': 'NPS', 'metric.csat': 'CSAT', 'metric.ces': 'CES',
  'bucket.nps.low': 'Detractors', 'bucket.nps.mid': 'Passives', 'bucket.nps.high': 'Promoters',
  'bucket.csat.low': 'Dissatisfied', 'bucket.csat.mid': 'Neutral', 'bucket.csat.high': 'Satisfied',
  'bucket.ces.low': 'Difficult', 'bucket.ces.mid': 'Neutral', 'bucket.ces.high': 'Easy',
  'channel.email': 'Email', 'channel.web': 'Web', 'channel.app': 'App', 'channel.store': 'Store', 'channel.phone': 'Phone',
  'channel.chat': 'Chat', 'channel.delivery': 'Delivery', 'channel.other': 'Other',
  'trend.none': 'No previous period to compare with', 'trend.significant': '{delta} vs previous period (significant at 95%)',
  'trend.notSignificant': '{delta} vs previous period (within noise)',
  'locale.en': 'English', 'locale.sv': 'Swedish', 'locale.da': 'Danish',

  'filter.label': 'Filters', 'filter.range': 'Period', 'filter.lastDays': 'Last {days} days', 'filter.custom': 'Custom',
  'filter.from': 'From', 'filter.to': 'To', 'filter.segment': 'Segment', 'filter.allCustomers': 'All customers',
  'filter.persona': 'Persona', 'filter.anyPersona': 'Any persona',

  'map.title': 'Journey map', 'map.journey': 'Journey', 'map.noJourneys': 'No journeys yet. Create one with POST /api/v1/journeys, or start with --demo.',
  'map.emotionCurve': 'Emotion curve', 'map.delighted': 'delighted', 'map.frustrated': 'frustrated',
  'map.emotionTooltip': 'Emotion {value} (−1 … 1)', 'map.ci': '95% CI {interval}', 'map.lowN': 'Low n — not yet reliable',
  'map.noSurvey': 'No survey yet', 'map.noTouchpoints': 'No touchpoints in this stage', 'map.cardTitle': '{name}: {metric} — open for details',
  'map.hint': 'Arrows compare with the previous period of the same length; a bold arrow is a significant change. Dashed cards have too few answers to be reliable yet.',

  'tp.breadcrumb': 'Location', 'tp.score': 'Score', 'tp.previous': 'Previous period', 'tp.significant': 'significant',
  'tp.notSignificant': 'within noise', 'tp.responses': 'Responses', 'tp.previousN': '{n} in the previous period',
  'tp.responseRate': 'Response rate', 'tp.rateDetail': '{responded} of {sent} invitations answered', 'tp.noInvitations': 'No survey emails sent in this period',
  'tp.overTime': 'Score over time', 'tp.bandNote': 'The shaded band is the 95% confidence interval.', 'tp.ci95': '95% CI', 'tp.ciHigh': '95% CI high',
  'tp.distribution': 'Answer distribution', 'tp.noSurvey': 'This touchpoint has no survey yet.',
  'tp.buckets.nps': 'Detractors 0–6 · passives 7–8 · promoters 9–10', 'tp.buckets.csat': 'Dissatisfied 1–2 · neutral 3 · satisfied 4–5',
  'tp.buckets.ces': 'Difficult 1–3 · neutral 4 · easy 5–7', 'tp.surveyLink': '{metric} survey on {event}',

  'comments.title': 'Latest comments', 'comments.all': 'All', 'comments.search': 'Search comments', 'comments.none': 'No comments match.',
  'comments.anonymous': 'Anonymous', 'comments.more': 'Show more',

  'cases.title': 'Cases', 'cases.status.open': 'Open', 'cases.status.in_progress': 'In progress', 'cases.status.resolved': 'Resolved',
  'cases.overdue': 'SLA overdue ({when})', 'cases.due': 'Due {when}', 'cases.overdueCount': '{n} overdue', 'cases.opened': 'opened {when}',
  'cases.unknownTouchpoint': 'Unknown touchpoint', 'cases.noComment': 'No comment.', 'cases.assignee': 'Assignee', 'cases.unassigned': 'Unassigned',
  'cases.assign': 'Assign', 'cases.assigned': 'Assignee saved.', 'cases.statusLabel': 'Status', 'cases.setStatus': 'Set status',
  'cases.statusChanged': 'Status changed.', 'cases.resolve': 'Resolve', 'cases.resolvedMessage': 'Case resolved.', 'cases.note': 'Note',
  'cases.notePlaceholder': 'What did you do? (called back, refunded, …)', 'cases.addNote': 'Add note', 'cases.noteAdded': 'Note added.',
  'cases.none': 'No cases here.', 'cases.more': 'Showing the newest 100.',

  'survey.touchpoint': 'Touchpoint', 'survey.metric': 'Metric', 'survey.event': 'Trigger event', 'survey.delay': 'Delay',
  'survey.delayHours': 'Delay after the event (hours)', 'survey.reminderHours': 'Reminder after (hours)', 'survey.reminderHint': 'Empty = no reminder',
  'survey.throttleDays': 'At most once per person every (days)', 'survey.expiresDays': 'Link expires after (days)', 'survey.active': 'Active',
  'survey.texts': 'Texts', 'survey.question': 'Question', 'survey.subject': 'Email subject', 'survey.commentPrompt': 'Comment prompt',
  'survey.builtIn': 'Built-in text', 'survey.preview': 'Email preview', 'survey.previewLanguage': 'Preview language', 'survey.subjectLine': 'Subject: {subject}',
  'survey.new': 'New survey', 'survey.edit': 'Edit survey', 'survey.saved': 'Survey saved.', 'survey.afterHours': '{hours} h after',

  'rules.intro': 'Response rules alert on each low answer (and open a case); score-drop rules alert once when a score falls below a line.',
  'rules.name': 'Name', 'rules.kindLabel': 'Kind', 'rules.kind.response': 'Low answer', 'rules.kind.score_drop': 'Score drop',
  'rules.condition': 'Condition', 'rules.scope': 'Where', 'rules.enabled': 'Enabled', 'rules.default': 'default', 'rules.everywhere': 'All touchpoints',
  'rules.stage': 'A stage', 'rules.dropText': '{metric} below {below} over {days} days (at least {n} answers)', 'rules.new': 'New alert rule',
  'rules.scoreAtMost': 'Alert when the score is at most', 'rules.below': 'Alert when the score falls below', 'rules.windowDays': 'Window (days)',
  'rules.minResponses': 'Minimum answers', 'rules.create': 'Create rule', 'rules.confirmDelete': 'Delete this alert rule?',

  'wh.intro': 'Cairn signs every delivery (Standard Webhooks). Failed deliveries are retried with backoff; you can retry by hand too.',
  'wh.new': 'New webhook', 'wh.url': 'URL', 'wh.description': 'Description', 'wh.events': 'Events', 'wh.create': 'Create webhook',
  'wh.none': 'No webhooks yet.', 'wh.secretTitle': 'Signing secret', 'wh.since': 'since {when}', 'wh.enabled': 'Enabled', 'wh.disabled': 'Disabled',
  'wh.enable': 'Enable', 'wh.disable': 'Disable', 'wh.confirmDelete': 'Delete this webhook and its delivery log?', 'wh.deliveries': 'Delivery log',
  'wh.event': 'Event', 'wh.status': 'Status', 'wh.attempts': 'Attempts', 'wh.lastStatus': 'Last answer', 'wh.when': 'When', 'wh.retry': 'Retry',
  'wh.noDeliveries': 'Nothing delivered yet.', 'wh.networkError': 'network error',
  'wh.delivery.pending': 'Pending', 'wh.delivery.succeeded': 'Delivered', 'wh.delivery.failed': 'Failed',

  'keys.intro': 'API keys let your systems send events and read results. A key is shown once; Cairn keeps only its hash.',
  'keys.new': 'New API key', 'keys.name': 'Name', 'keys.namePlaceholder': 'CRM integration', 'keys.role': 'Role', 'keys.create': 'Create key',
  'keys.createdTitle': 'API key "{name}"', 'keys.prefix': 'Key', 'keys.created': 'Created', 'keys.lastUsed': 'Last used', 'keys.never': 'Never',
  'keys.revoke': 'Revoke', 'keys.confirmRevoke': 'Revoke this key? Systems using it stop working at once.',

  'users.intro': 'Admins manage users, keys, webhooks and alert rules; managers work cases and surveys; viewers read.',
  'users.new': 'New user', 'users.email': 'Email', 'users.name': 'Name', 'users.role': 'Role', 'users.password': 'Password',
  'users.passwordHint': 'At least 8 characters.', 'users.create': 'Create user', 'users.status': 'Status', 'users.created': 'Created',
  'users.active': 'Active', 'users.disabled': 'Disabled', 'users.enable': 'Enable', 'users.disable': 'Disable', 'users.confirmDelete': 'Delete this user?',

  'secret.once': 'Copy it now: it will not be shown again.', 'secret.copy': 'Copy',
};

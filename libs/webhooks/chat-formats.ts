import { ChatBody, ChatOptions } from './chat-message';
import { toSlackMessage } from './slack-webhook.mapper';
import { toTeamsMessage } from './teams-webhook.mapper';

/** Endpoint formats whose receivers are chat channels: they get a readable message instead of Cairn's body. */
export type ChatFormat = 'slack' | 'teams';
export const CHAT_FORMATS: ChatFormat[] = ['slack', 'teams'];

const MAPPERS = { slack: toSlackMessage, teams: toTeamsMessage } as const;

export function isChatFormat(format: string): format is ChatFormat {
  return (CHAT_FORMATS as string[]).includes(format);
}

/** Cairn's standard body as the chat's message, serialised as it is stored and sent. */
export function chatBody(format: ChatFormat, standardBody: string, options: ChatOptions): string {
  return JSON.stringify(MAPPERS[format](JSON.parse(standardBody) as ChatBody, options));
}

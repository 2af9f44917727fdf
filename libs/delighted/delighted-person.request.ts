// POST /people.json: Delighted's parameters, checked all at once into per-field errors.
import { isEmail } from 'class-validator';
import { PersonProperties, propertiesProblem } from '@cairn/people';
import { ErrorCollector } from './delighted-errors';
import { bool, int, Params, str, unix } from './delighted-params';

export interface PersonRequest {
  email?: string;
  emailUpdate?: string;
  phoneNumber?: string;
  channel: 'email' | 'sms';
  name?: string;
  /** Seconds from now; the survey is scheduled then. */
  delay: number;
  send: boolean;
  properties?: PersonProperties;
  locale?: string;
  lastSentAt?: Date;
}

// Cairn schedules at most a year ahead.
export const MAX_DELAY_SECONDS = 365 * 86_400;
const E164 = /^\+[1-9]\d{6,14}$/;

export function parsePersonRequest(body: Params, now: Date): PersonRequest {
  const errors = new ErrorCollector();
  const email = address(body, 'email', errors);
  const emailUpdate = address(body, 'email_update', errors);
  const phoneNumber = str(body, 'phone_number', errors, 20);
  if (phoneNumber !== undefined && !E164.test(phoneNumber)) errors.add('phone_number', 'is invalid (E.164 format, e.g. +17132746524)');
  const channel = str(body, 'channel', errors) ?? 'email';
  if (channel !== 'email' && channel !== 'sms') errors.add('channel', 'is not included in the list');
  if (!email && !phoneNumber && !errors.has('email') && !errors.has('phone_number')) errors.add('email', "can't be blank");
  if (channel === 'sms' && !phoneNumber && !errors.has('phone_number')) errors.add('phone_number', "can't be blank");
  const name = str(body, 'name', errors, 200);
  const delay = int(body, 'delay', errors, 0, MAX_DELAY_SECONDS) ?? 0;
  const send = bool(body, 'send', errors) ?? true;
  const lastSentAt = unix(body, 'last_sent_at', errors);
  if (lastSentAt && lastSentAt > now) errors.add('last_sent_at', 'cannot be in the future');
  const properties = body.properties === undefined || body.properties === null ? undefined : body.properties;
  const problem = properties === undefined ? null : propertiesProblem(properties);
  if (problem) errors.add('properties', problem);
  const locale = problem ? undefined : localeOf(properties as PersonProperties | undefined, errors);
  errors.throwIfAny();
  return {
    email,
    emailUpdate,
    phoneNumber,
    channel: channel as 'email' | 'sms',
    name,
    delay,
    send,
    lastSentAt,
    locale,
    properties: properties as PersonProperties | undefined,
  };
}

function address(body: Params, name: string, errors: ErrorCollector): string | undefined {
  const value = str(body, name, errors, 254);
  if (value !== undefined && !isEmail(value)) return void errors.add(name, 'is invalid');
  return value?.toLowerCase();
}

/** properties.locale as Delighted took it ("en", "pt-BR", "zh_TW"), normalised to Cairn's "pt-BR". */
function localeOf(properties: PersonProperties | undefined, errors: ErrorCollector): string | undefined {
  const raw = properties?.locale;
  if (raw === undefined || raw === null || raw === '') return undefined;
  const match = typeof raw === 'string' ? /^([a-zA-Z]{2})(?:[-_]([a-zA-Z]{2}))?$/.exec(raw.trim()) : null;
  if (!match) return void errors.add('properties.locale', 'is not a valid locale (e.g. en, sv, pt-BR)');
  return match[2] ? `${match[1].toLowerCase()}-${match[2].toUpperCase()}` : match[1].toLowerCase();
}

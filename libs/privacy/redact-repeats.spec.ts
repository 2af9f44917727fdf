import { ERASED, filterSnapshot, mentions, redactJson, redactStored, redactText } from './redact';

// Real notes repeat a name, and people type addresses in any case: every
// identifier here appears several times, in mixed case, next to the others.
const ids = { personId: 'p-7f3a', values: ['Erin.Erasable+cx@Example.com', 'Erin Erasable', '+46701234567', 'CRM-ERIN-7781'] };
const spellings = {
  email: ['erin.erasable+cx@example.com', 'ERIN.ERASABLE+CX@EXAMPLE.COM', 'Erin.Erasable+CX@example.COM'],
  name: ['Erin Erasable', 'ERIN ERASABLE', 'erin erasable', 'eRiN eRaSaBlE'],
  phone: ['+46701234567'],
  external: ['crm-erin-7781', 'CRM-ERIN-7781', 'Crm-Erin-7781'],
};
const all = Object.values(spellings).flat();
// Each spelling twice, joined by words that must survive.
const text = [...all, ...all].map((s, i) => `w${i} ${s}`).join(' and ');
const expected = [...all, ...all].map((_, i) => `w${i} ${ERASED}`).join(' and ');

describe('erasure redaction of repeated, mixed-case identifiers', () => {
  it('free text (case notes, receiver answers, SMTP errors) loses every occurrence', () => {
    expect(redactText(text, ids)).toBe(expected);
    expect(redactText(`${text}\n${text}`, ids)).toBe(`${expected}\n${expected}`);
  });

  it('a stored body that is not JSON is redacted as text, every occurrence', () => {
    expect(redactStored(text, ids)).toBe(expected);
  });

  it.each(all)('finds %s however it is cased', (spelling) => {
    expect(mentions(`before ${spelling} after ${spelling}`, ids)).toBe(true);
    expect(redactText(`${spelling}/${spelling}|${spelling}`, ids)).toBe(`${ERASED}/${ERASED}|${ERASED}`);
  });

  it('every string column of stored JSON that mentions the person is replaced, wherever it sits', () => {
    const payload = {
      note: text,
      list: [text, 'keep', { deep: spellings.name[3] }],
      alert: { details: { comment: `${spellings.email[1]} ${spellings.email[2]}` } },
      person: { id: 'p-other', email: spellings.email[1], name: spellings.name[2] },
      properties: { plan: 'pro', note: spellings.external[2], region: 'nordics' },
    };
    expect(redactJson(payload, ids)).toEqual({
      note: ERASED,
      list: [ERASED, 'keep', { deep: ERASED }],
      alert: { details: { comment: ERASED } },
      person: { id: null, email: null, name: null },
      properties: { plan: 'pro', region: 'nordics' },
    });
    expect(JSON.parse(redactStored(JSON.stringify(payload), ids) as string)).toEqual(redactJson(payload, ids));
  });

  it('a snapshot drops values mentioning the person in any case', () => {
    expect(
      filterSnapshot({ plan: 'pro', a: spellings.name[1], b: `${spellings.phone[0]} ${spellings.phone[0]}`, c: spellings.email[2] }, ids),
    ).toEqual({ plan: 'pro' });
  });
});

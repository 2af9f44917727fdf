import { ERASED, filterSnapshot, isIdentifyingKey, mentions, redactJson, redactStored, redactText } from './redact';

const ids = { personId: 'p-1', values: ['Ada.Lovelace@Example.com', 'Ada Lovelace', '+46701234567', null, 'Bo'] };

describe('erasure redaction', () => {
  it('recognises identifying property keys and leaves segment keys alone', () => {
    for (const key of [
      'email',
      'E-mail',
      'name',
      'first_name',
      'phone',
      'customer_id',
      'userId',
      'id',
      'address',
      'ip',
      'client ip',
      'orderID',
    ]) {
      expect(isIdentifyingKey(key)).toBe(true);
    }
    for (const key of ['plan', 'region', 'country', 'Purchase Experience', 'locale', 'tier', 'membership', 'paid', 'valid'])
      expect(isIdentifyingKey(key)).toBe(false);
  });

  it('finds long identifiers inside text and short ones only as whole values', () => {
    expect(mentions('mail to ada.lovelace@example.com please', ids)).toBe(true);
    expect(mentions('call +46701234567', ids)).toBe(true);
    expect(mentions('Bo', ids)).toBe(true);
    expect(mentions('Boat trip', ids)).toBe(false);
    expect(mentions('p-1', ids)).toBe(true);
    expect(mentions('p-1', { ...ids, matchPersonId: false })).toBe(false);
  });

  it('replaces every occurrence in free text, whatever the case', () => {
    expect(redactText('Ada Lovelace (ADA.LOVELACE@example.com) called', ids)).toBe(`${ERASED} (${ERASED}) called`);
    expect(redactText('Bo', ids)).toBe(ERASED);
    expect(redactText('nothing here', ids)).toBe('nothing here');
  });

  it('keeps only non-identifying snapshot values', () => {
    const snapshot = {
      plan: 'pro',
      region: 'nordics',
      email: 'x@y.z',
      customer_id: 7,
      note: 'Ada Lovelace VIP',
      nested: { a: 1 },
      score: 3,
    };
    expect(filterSnapshot(snapshot, ids)).toEqual({ plan: 'pro', region: 'nordics', score: 3 });
    expect(filterSnapshot(null, ids)).toEqual({});
  });

  it('blanks the person inside stored payloads and filters snapshots', () => {
    const payload = {
      type: 'response.created',
      data: {
        response: { id: 'r-1', score: 3, personId: 'p-1', comment: 'I am Ada Lovelace', personProperties: { plan: 'pro', email: 'a' } },
        person: { id: 'p-1', email: 'ada.lovelace@example.com', name: 'Ada Lovelace', properties: { plan: 'pro' } },
        touchpoint: { id: 't-1', name: 'Checkout' },
        list: ['ok', 'ada.lovelace@example.com'],
      },
    };
    expect(redactJson(payload, ids)).toEqual({
      type: 'response.created',
      data: {
        response: { id: 'r-1', score: 3, personId: ERASED, comment: ERASED, personProperties: { plan: 'pro' } },
        person: { id: null, email: null, name: null, properties: {} },
        touchpoint: { id: 't-1', name: 'Checkout' },
        list: ['ok', ERASED],
      },
    });
  });

  it('recognises the person by address when the id is not to be matched', () => {
    const redacted = redactJson(
      { person: { id: 'p-1', email: 'ada.lovelace@example.com' }, personId: 'p-1' },
      { ...ids, matchPersonId: false },
    );
    expect(redacted).toEqual({ person: { id: null, email: null }, personId: 'p-1' });
  });

  it('keeps a stored JSON text body JSON text, and redacts other text', () => {
    const body = JSON.stringify({
      type: 'response.created',
      data: { person: { id: 'p-1', email: 'ada.lovelace@example.com' }, note: 'hi' },
    });
    expect(JSON.parse(redactStored(body, ids) as string)).toEqual({
      type: 'response.created',
      data: { person: { id: null, email: null }, note: 'hi' },
    });
    expect(redactStored('not json, Ada Lovelace', ids)).toBe(`not json, ${ERASED}`);
    expect(redactStored({ who: 'Ada Lovelace' }, ids)).toEqual({ who: ERASED });
  });

  it('ignores blank identifiers and trims around whole values', () => {
    const blank = { personId: 'p-9', values: ['   ', ''] };
    expect(mentions('   ', blank)).toBe(false);
    expect(redactText('  ', blank)).toBe('  ');
    expect(mentions('  Bo  ', ids)).toBe(true);
    expect(redactText('  Bo ', ids)).toBe(ERASED);
  });

  it('finds an identifier of exactly five characters inside text', () => {
    const five = { personId: 'p-5', values: ['Bjorn'] };
    expect(mentions('hi bjorn!', five)).toBe(true);
    expect(redactText('Hi BJORN!', five)).toBe(`Hi ${ERASED}!`);
  });

  it('keeps null snapshot values and nulls in stored JSON', () => {
    expect(filterSnapshot({ plan: 'pro', flag: null }, ids)).toEqual({ plan: 'pro', flag: null });
    expect(redactJson({ a: null, b: [null, 1] }, ids)).toEqual({ a: null, b: [null, 1] });
  });

  it('blanks an object carrying the person id even without an email, unless ids are not to be matched', () => {
    expect(redactJson({ id: 'p-1', plan: 'pro' }, ids)).toEqual({ id: null, plan: null });
    expect(redactJson({ id: 'p-1', plan: 'pro' }, { ...ids, matchPersonId: true })).toEqual({ id: null, plan: null });
    expect(redactJson({ id: 'p-1', plan: 'pro' }, { ...ids, matchPersonId: false })).toEqual({ id: 'p-1', plan: 'pro' });
  });

  it('filters only plain-object snapshots; other values under a snapshot key are redacted as JSON', () => {
    expect(redactJson({ properties: ['x', 'Ada Lovelace'] }, ids)).toEqual({ properties: ['x', ERASED] });
    expect(redactJson({ personProperties: null }, ids)).toEqual({ personProperties: null });
    expect(redactJson({ person_properties: 'Ada Lovelace' }, ids)).toEqual({ person_properties: ERASED });
  });
});

describe('identifying property keys, one rule at a time', () => {
  it.each([
    'e-mail',
    'EMAIL',
    'Name',
    'mobile',
    'street',
    'zip',
    'postal_code',
    'date_of_birth',
    'ssn',
    'passport',
    'username',
    'account',
    'order_id',
    'order-id',
    'device ip',
    'orderId',
    'orderID',
  ])('%s is identifying', (key) => expect(isIdentifyingKey(key)).toBe(true));

  it.each([
    // ids and ips only as a whole word at the end, not inside other words
    'paid',
    'tip',
    'idle_minutes',
    'ipo_year',
    'order id count',
    // camelCase Id only at the end, after a lower-case letter
    'hasIdeas',
    'OrderID_total',
  ])('%s is not identifying', (key) => expect(isIdentifyingKey(key)).toBe(false));
});

describe('erasure redaction: markers, padding and snapshot keys', () => {
  it('writes the visible marker [erased]', () => {
    expect(redactText('Hi Bo', { personId: 'p-1', values: ['Hi Bo'] })).toBe('[erased]');
    expect(redactJson({ note: 'Ada Lovelace' }, ids)).toEqual({ note: '[erased]' });
  });

  it('finds an identifier stored with padding inside longer text', () => {
    const padded = { personId: 'p-2', values: ['  Grace Hopper  '] };
    expect(redactText('Call Grace Hopper today', padded)).toBe(`Call ${ERASED} today`);
    expect(mentions('call grace hopper', padded)).toBe(true);
  });

  it('keeps nothing of a snapshot that is not an object', () => {
    expect(filterSnapshot('plan pro', ids)).toEqual({});
    expect(filterSnapshot(['pro'], ids)).toEqual({});
  });

  // email is an identifying key, so a filtered snapshot drops it even when it is someone else's.
  it.each(['personProperties', 'person_properties', 'properties'])('filters a %s object as a snapshot', (key) => {
    expect(redactJson({ [key]: { plan: 'pro', email: 'someone@else.example' } }, ids)).toEqual({ [key]: { plan: 'pro' } });
  });
});

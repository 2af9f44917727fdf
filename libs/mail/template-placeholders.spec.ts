import { fillPlaceholders, type PlaceholderValues } from './template-placeholders';

const vars: PlaceholderValues = {
  company: 'Acme',
  touchpoint: 'the delivery',
  person: {
    name: 'Anna',
    properties: { plan: 'Pro', seats: 12, vip: true, 'plan.tier': 'gold', address: { city: 'Malmö' }, tags: ['a'] },
  },
  event: { properties: { orderId: 'A-17', nested: { sku: 'X1' } } },
};

describe('fillPlaceholders', () => {
  it('fills name, company and touchpoint', () => {
    expect(fillPlaceholders('{{name}}/{{person.name}} at {{company}}: {{touchpoint}}', vars)).toBe('Anna/Anna at Acme: the delivery');
  });

  it('fills person and event properties, including numbers, booleans and nested paths', () => {
    expect(fillPlaceholders('{{person.plan}} {{person.seats}} {{person.vip}} {{person.address.city}}', vars)).toBe('Pro 12 true Malmö');
    expect(fillPlaceholders('{{event.orderId}} {{event.nested.sku}}', vars)).toBe('A-17 X1');
  });

  it('prefers a flat key that contains a dot', () => {
    expect(fillPlaceholders('{{person.plan.tier}}', vars)).toBe('gold');
  });

  it('accepts spaces inside the braces', () => {
    expect(fillPlaceholders('{{ company }}', vars)).toBe('Acme');
  });

  it('turns unknown placeholders, objects and prototype keys into empty strings', () => {
    const text =
      '[{{unknown}}][{{person.missing}}][{{event.nested}}][{{person.tags}}][{{person.__proto__}}][{{event.constructor}}][{{shop.name}}]';
    expect(fillPlaceholders(text, vars)).toBe('[][][][][][][]');
  });

  it('handles missing person and event', () => {
    expect(fillPlaceholders('Hi {{name}} {{event.orderId}}!', { company: 'Acme' })).toBe('Hi  !');
  });

  it('inserts values verbatim and does not rescan them', () => {
    const hostile = { person: { name: '<b>{{company}}</b>' }, company: 'Acme' };
    expect(fillPlaceholders('{{name}}', hostile)).toBe('<b>{{company}}</b>');
  });
});

import { keyedStatusIs } from './keyed-status';

describe('keyedStatusIs', () => {
  it('compares the status as text, which no index on the status column answers', () => {
    expect(keyedStatusIs('d.status', 'pending')).toBe("d.status::text = 'pending'");
  });

  it('refuses anything but a status name in the SQL it writes', () => {
    expect(() => keyedStatusIs('d.status', "pending' OR true --")).toThrow('not a status');
  });
});

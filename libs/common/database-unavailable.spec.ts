import { isDatabaseUnavailable } from './database-unavailable';

describe('isDatabaseUnavailable', () => {
  it.each([
    ['Prisma cannot reach the server', { code: 'P1001', message: "Can't reach database server at 127.0.0.1:5432" }],
    ['pool exhausted', { code: 'P2024', message: 'Timed out fetching a new connection from the connection pool' }],
    ['server shutting down (SQLSTATE 57P01)', { code: '57P01', message: 'terminating connection due to administrator command' }],
    ['cannot connect now (57P03)', { code: '57P03', message: 'the database system is starting up' }],
    ['connection exception class 08', { code: '08006', message: 'connection failure' }],
    ['refused socket', Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' })],
    ['wrapped by the driver adapter', { name: 'DriverAdapterError', message: 'x', cause: { code: 'ECONNRESET' } }],
    ['node-postgres without a code', new Error('Connection terminated unexpectedly')],
  ])('%s', (_, error) => expect(isDatabaseUnavailable(error)).toBe(true));

  it.each([
    ['a unique violation', { code: 'P2002' }],
    ['a bad query (SQLSTATE 42P01)', { code: '42P01', message: 'relation "x" does not exist' }],
    ['a plain bug', new TypeError("Cannot read properties of undefined (reading 'id')")],
    ['not an object', 'boom'],
    ['null', null],
  ])('not %s', (_, error) => expect(isDatabaseUnavailable(error)).toBe(false));
});

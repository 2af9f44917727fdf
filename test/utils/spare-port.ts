import { createServer } from 'node:net';

/**
 * A TCP port that was free a moment ago on 127.0.0.1. Other engineers' tests
 * run on this machine at the same time, so nothing may use a fixed port.
 */
export function sparePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

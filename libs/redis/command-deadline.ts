import type { Command, Redis } from 'ioredis';

/** Timer lateness up to this is an ordinary busy loop; beyond it the process was starved (blocked, descheduled). */
const STARVED_AFTER_MS = 100;

const armed = new WeakSet<Command>();

/**
 * ioredis's own commandTimeout is a plain timer, and Node runs due timers
 * before it reads sockets. So a process whose event loop was held past the
 * timeout (loading code, a starved CI host) failed commands whose replies had
 * arrived and sat unread: a healthy Redis looked down (a 503, a click not
 * counted). This deadline differs in two ways:
 * - when it fires, it decides only after the loop's next I/O poll
 *   (setImmediate), so a reply already in the socket is read first;
 * - time the process lost to starvation (the timer firing late) is given back,
 *   at most once more the deadline, since Redis on the same host starved too.
 * A hung Redis on a healthy process still fails after `ms`, as before.
 */
export function armCommandDeadline(command: Command, ms: number): void {
  if (armed.has(command) || command.isSettled) return; // a cluster redirect sends the same command again
  armed.add(command);
  let timer: NodeJS.Timeout | undefined;
  const settled = () => clearTimeout(timer);
  command.promise.then(settled, settled);
  const wait = (delay: number, extensionLeft: number) => {
    const due = Date.now() + delay;
    timer = setTimeout(() => {
      const lateBy = Date.now() - due;
      if (lateBy > STARVED_AFTER_MS && extensionLeft > 0) {
        const extension = Math.min(lateBy, extensionLeft);
        wait(extension, extensionLeft - extension);
        return;
      }
      setImmediate(() => {
        if (!command.isSettled) command.reject(new Error('Command timed out'));
      });
    }, delay);
  };
  wait(ms, ms);
}

/** Every command this client (a server or a cluster) sends gets armCommandDeadline(ms). */
export function withCommandDeadline<T extends Redis>(client: T, ms: number): T {
  const send = client.sendCommand.bind(client) as (command: Command, ...rest: unknown[]) => unknown;
  client.sendCommand = ((command: Command, ...rest: unknown[]) => {
    armCommandDeadline(command, ms);
    return send(command, ...rest);
  }) as T['sendCommand'];
  return client;
}

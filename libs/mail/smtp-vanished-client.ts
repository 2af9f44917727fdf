import type { Socket } from 'node:net';
import type { Writable } from 'node:stream';
import type { SMTPServer } from 'smtp-server';

/** smtp-server options this needs: the server's sockets stay open for writing once the client's end arrives. */
export const KEEP_HALF_OPEN = { allowHalfOpen: true } as const;

/**
 * A client that vanishes (a SIGKILLed worker) right after writing a message's end-of-data mark closes its
 * connection while smtp-server may still be parsing the message: it works through dot-escaped lines one
 * setImmediate at a time, and on 'close' it drops whatever it had not parsed, mark included. An MTA keeps a
 * message whose mark it received. So, on a server made with KEEP_HALF_OPEN, a socket whose client ended is
 * closed only once the connection's parser has read everything it received. Call before `listen`.
 */
export function keepMessagesOfVanishedClients(server: SMTPServer): void {
  server.server.on('connection', (socket: Socket) => socket.once('end', () => closeOnceParsed(server, socket)));
}

function closeOnceParsed(server: SMTPServer, socket: Socket): void {
  // smtp-server keeps its connections (and each one's parser) private; this reads just those two fields.
  const connections = (server as unknown as { connections: Set<{ _socket: Socket; _parser: Writable | false }> }).connections;
  const parser = [...connections].find((connection) => connection._socket === socket)?._parser;
  if (!parser || parser.writableFinished) return void socket.destroy();
  parser.once('finish', () => socket.destroy());
}

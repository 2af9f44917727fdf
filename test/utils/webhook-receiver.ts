import * as http from 'node:http';
import { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';

export interface ReceivedHook {
  id: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
  at: number;
}

export type HookReply = (hit: ReceivedHook, res: http.ServerResponse) => void;

/** A real HTTP receiver on 127.0.0.1 that records every request; `reply` decides the answer. */
export class WebhookReceiver {
  readonly hits: ReceivedHook[] = [];
  reply: HookReply = (_, res) => res.writeHead(204).end();
  private port = 0;
  private readonly server = http.createServer((req, res) => {
    let body = '';
    req
      .setEncoding('utf8')
      .on('data', (chunk: string) => (body += chunk))
      .on('end', () => {
        const hit = { id: String(req.headers['webhook-id'] ?? ''), path: req.url ?? '', headers: req.headers, body, at: Date.now() };
        this.hits.push(hit);
        this.reply(hit, res);
      });
  });

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return this;
  }

  /** Stops listening (senders get connection refused) until resume(), which listens on the same port again. */
  async pause(): Promise<void> {
    this.port = (this.server.address() as AddressInfo).port;
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  async resume(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(this.port, '127.0.0.1', resolve));
  }

  url(path = '/hook'): string {
    return `http://127.0.0.1:${this.server.listening ? (this.server.address() as AddressInfo).port : this.port}${path}`;
  }

  to(path: string): ReceivedHook[] {
    return this.hits.filter((hit) => hit.path === path);
  }

  uniqueIds(path?: string): Set<string> {
    return new Set((path ? this.to(path) : this.hits).map((hit) => hit.id));
  }

  /** Throws unless standardwebhooks accepts the signature; returns the parsed body. */
  verify(secret: string, hit: ReceivedHook): { type: string; id: string; createdAt: string; data: Record<string, any> } {
    return new Webhook(secret).verify(hit.body, hit.headers as Record<string, string>) as never;
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

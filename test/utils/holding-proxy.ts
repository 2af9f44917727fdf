import * as http from 'node:http';
import { AddressInfo } from 'node:net';
import { buffer } from 'node:stream/consumers';

interface Held {
  req: http.IncomingMessage;
  res: http.ServerResponse;
  body: Buffer;
  /** The sender hung up before the request was let go. */
  gone: boolean;
}

/**
 * An HTTP proxy in front of the API that holds the requests the test picks until it lets them go: a network slow
 * enough that a request is still on its way when the tab that sent it closes. A held request whose sender hung up
 * before the release is never delivered, as on a real network its bytes would never have arrived.
 */
export class HoldingProxy {
  private readonly held: Held[] = [];
  private readonly server = http.createServer((req, res) => void this.receive(req, res));

  constructor(
    private readonly target: string,
    private readonly hold: (req: http.IncomingMessage) => boolean,
  ) {}

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return this;
  }

  get origin(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** The held requests so far (received whole, not yet let go). */
  get waiting(): number {
    return this.held.length;
  }

  /** Delivers each held request whose sender is still connected; says how many went and how many were dropped. */
  release(): { delivered: number; dropped: number } {
    const all = this.held.splice(0);
    const live = all.filter((one) => !one.gone);
    for (const one of live) this.forward(one.req, one.res, one.body);
    return { delivered: live.length, dropped: all.length - live.length };
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async receive(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const body = await buffer(req);
    if (!this.hold(req)) return this.forward(req, res, body);
    const one: Held = { req, res, body, gone: false };
    res.on('close', () => (one.gone ||= !res.writableFinished));
    this.held.push(one);
  }

  private forward(req: http.IncomingMessage, res: http.ServerResponse, body: Buffer): void {
    const headers = { ...req.headers };
    delete headers.connection;
    const out = http.request(`${this.target}${req.url}`, { method: req.method, headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    out.on('error', () => res.destroy());
    out.end(body);
  }
}

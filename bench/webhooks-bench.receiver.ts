// The receiving end of webhooks-bench: verifies every request and notes when each key first arrived.
import * as http from 'node:http';
import { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';

/** Verifies every request with standardwebhooks and records when each key first arrived. */
export class Receiver {
  readonly arrivals = new Map<string, number>();
  /** Distinct keys arrived per path family (/thr0…/thr4 count as /thr): a count to poll, where scanning arrivals would cost the bench's CPU. */
  readonly firstsPerFamily = new Map<string, number>();
  invalid = 0;
  /** The secret each path's requests are signed with: one verification per request, as a real receiver does. */
  readonly secrets = new Map<string, string>();
  private readonly server = http.createServer((req, res) => {
    let body = '';
    req
      .setEncoding('utf8')
      .on('data', (c: string) => (body += c))
      .on('end', () => {
        const at = performance.now();
        if (!this.verifies(req.url ?? '', body, req.headers)) this.invalid++;
        const parsed = JSON.parse(body) as { data: { response?: { invitationId?: string }; rawKey?: string } };
        // Detractor webhooks by the invitation answered (the bench knows when it answered it); deliveries by their id.
        const key =
          parsed.data.rawKey ?? (req.url === '/lat' ? parsed.data.response?.invitationId : undefined) ?? String(req.headers['webhook-id']);
        const arrival = `${req.url}:${key}`;
        if (!this.arrivals.has(arrival)) {
          this.arrivals.set(arrival, at);
          const family = /^\/[a-z]+/.exec(req.url ?? '')?.[0] ?? '';
          this.firstsPerFamily.set(family, (this.firstsPerFamily.get(family) ?? 0) + 1);
        }
        res.writeHead(204).end();
      });
  });

  private verifies(path: string, body: string, headers: http.IncomingHttpHeaders): boolean {
    const secret = this.secrets.get(path);
    if (secret === undefined) return false;
    try {
      new Webhook(secret).verify(body, headers as Record<string, string>);
      return true;
    } catch {
      return false;
    }
  }

  async start(): Promise<string> {
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  close(): void {
    this.server.closeAllConnections();
    this.server.close();
  }
}

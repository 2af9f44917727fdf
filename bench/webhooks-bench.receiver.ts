// The receiving end of webhooks-bench: verifies every request and notes when each key first arrived.
import * as http from 'node:http';
import { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';

/** Verifies every request with standardwebhooks and records when each key first arrived. */
export class Receiver {
  readonly arrivals = new Map<string, number>();
  readonly perPath = new Map<string, number>();
  invalid = 0;
  secrets: string[] = [];
  private readonly server = http.createServer((req, res) => {
    let body = '';
    req
      .setEncoding('utf8')
      .on('data', (c: string) => (body += c))
      .on('end', () => {
        const at = performance.now();
        const ok = this.secrets.some((s) => {
          try {
            new Webhook(s).verify(body, req.headers as Record<string, string>);
            return true;
          } catch {
            return false;
          }
        });
        if (!ok) this.invalid++;
        const parsed = JSON.parse(body) as { data: { response?: { invitationId?: string }; rawKey?: string } };
        const key = parsed.data.rawKey ?? parsed.data.response?.invitationId ?? String(req.headers['webhook-id']);
        if (!this.arrivals.has(`${req.url}:${key}`)) this.arrivals.set(`${req.url}:${key}`, at);
        this.perPath.set(req.url ?? '', (this.perPath.get(req.url ?? '') ?? 0) + 1);
        res.writeHead(204).end();
      });
  });

  async start(): Promise<string> {
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  close(): void {
    this.server.closeAllConnections();
    this.server.close();
  }
}

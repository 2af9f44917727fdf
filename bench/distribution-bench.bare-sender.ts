// Child process of distribution-bench's emails part: the bare nodemailer loop, in a process of its own as each
// worker is, so that its writes to the SMTP sink cross processes as the workers' do (sent from the bench process,
// which also runs the sink, they were reads and writes within one process, cheaper than any worker's).
// Env: BARE_SMTP_URL, BARE_COUNT, BARE_POOL, BARE_FROM. Tells the parent { rendered: true } once ready to send,
// sends on { go: true }, and once every message was accepted tells it the CPU (ms) and write system calls the
// sending took, then exits.
import nodemailer from 'nodemailer';
import { renderSurveyEmail } from '@cairn/mail';
import { processWrites, usageMs } from './distribution-bench.cpu';

const IN_FLIGHT = 40;

async function main(): Promise<void> {
  const count = Number(process.env.BARE_COUNT);
  const rendered = await renderSurveyEmail({
    metric: 'nps',
    locale: 'en',
    companyName: 'Bench',
    touchpointName: 'Delivery',
    person: { name: 'Bench' },
    responseUrl: (score) => `http://127.0.0.1/r/${'t'.repeat(32)}?score=${score}`,
    unsubscribeUrl: `http://127.0.0.1/u/${'u'.repeat(32)}`,
  });
  const transport = nodemailer.createTransport({
    url: process.env.BARE_SMTP_URL,
    pool: true,
    maxConnections: Number(process.env.BARE_POOL),
    maxRequeues: 0,
  } as never);
  await new Promise<void>((resolve) => {
    process.once('message', () => resolve());
    process.send!({ rendered: true });
  });
  const [cpuStart, writesStart] = [process.cpuUsage(), processWrites(process.pid) ?? 0];
  let next = 0;
  const sender = async () => {
    while (next < count) {
      const n = next++;
      await transport.sendMail({
        from: process.env.BARE_FROM,
        to: `raw-${n}@example.com`,
        subject: rendered.subject,
        html: rendered.html,
        text: rendered.text,
        messageId: `<raw-${n}@bench>`,
      });
    }
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, sender));
  const cpu = process.cpuUsage(cpuStart);
  const used = { cpuMs: usageMs(cpu), writes: (processWrites(process.pid) ?? 0) - writesStart };
  await new Promise<void>((resolve) => process.send!(used, () => resolve()));
  transport.close();
}

main().then(
  () => process.exit(0),
  (error) => {
    process.stderr.write(`bare sender failed: ${error instanceof Error ? error.stack : error}\n`);
    process.exit(1);
  },
);

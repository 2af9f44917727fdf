import { Writable } from 'node:stream';
import { parseLogFormat } from '@cairn/config';
import { logDestination } from './log-format';
import { createRootLogger, PinoNestLogger } from './logger';

function capture() {
  const lines: string[] = [];
  const out = new Writable({ write: (chunk, _enc, done) => void (lines.push(chunk.toString()), done()) });
  return { lines, out };
}

describe('log format', () => {
  it('is pretty on a terminal and JSON elsewhere unless LOG_FORMAT says otherwise', () => {
    expect(parseLogFormat(undefined, true)).toBe('pretty');
    expect(parseLogFormat('', false)).toBe('json');
    expect(parseLogFormat('json', true)).toBe('json');
    expect(parseLogFormat('pretty', false)).toBe('pretty');
    expect(() => parseLogFormat('xml', true)).toThrow('LOG_FORMAT must be json or pretty, got "xml"');
  });

  it('pretty lines are human-readable and scrubbed like JSON lines', () => {
    const { lines, out } = capture();
    const logger = createRootLogger('info', logDestination('pretty', out));
    new PinoNestLogger(logger).warn('mail to bob@x.test bounced', 'MailRepository');
    const all = lines.join('');
    expect(all).toMatch(/WARN.*\[MailRepository\] mail to \[redacted\] bounced/);
    expect(all).not.toContain('{"level"');
    expect(all).not.toContain('bob@');
    expect(logDestination('json', out)).toBeUndefined();
  });

  it("keeps Nest's per-module and per-route boot lines out of info, so a start fits a screen", () => {
    const { lines, out } = capture();
    const nest = new PinoNestLogger(createRootLogger('info', logDestination('pretty', out)));
    nest.log('Mapped {/api/v1/journeys, GET} route', 'RouterExplorer');
    nest.log('CoreModule dependencies initialized', 'InstanceLoader');
    nest.log('created the first dashboard admin', 'Bootstrap');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('created the first dashboard admin');
  });
});

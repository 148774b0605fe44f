import { closeSync, mkdtempSync, openSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { createLogSink } from '../src/log-sink';

const until = async (check: () => boolean, ms = 2_000) => {
  const deadline = Date.now() + ms;
  while (!check() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
};

describe('the access log sink', () => {
  it('When many lines are pushed to a log file, then all of them land in order, batched into few writes', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'log-sink-')), 'service.log');
    const fd = openSync(file, 'a');
    const unused = new PassThrough();
    const sink = createLogSink(unused, 'svc', fd);
    const lines = Array.from({ length: 5_000 }, (_, i) => `{"n":${i}}\n`);

    for (const [i, line] of lines.entries()) {
      sink.push(line);
      if (i % 1_000 === 999) await new Promise((r) => setImmediate(r));
    }
    await until(() => readFileSync(file, 'utf8').length === lines.join('').length);
    closeSync(fd);

    expect(readFileSync(file, 'utf8')).toBe(lines.join(''));
    expect(unused.read()).toBeNull(); // nothing went through the stream when writing to the file
  });

  it('When the destination is a stream (not a file), then one turn of the event loop becomes one write to it', async () => {
    const stream = new PassThrough();
    const writes: string[] = [];
    stream.on('data', (chunk: Buffer) => writes.push(chunk.toString('utf8')));
    const sink = createLogSink(stream, 'svc', undefined);

    sink.push('a\n');
    sink.push('b\n');
    await new Promise((r) => setImmediate(r));
    sink.push('c\n');
    await until(() => writes.length >= 2);

    expect(writes).toEqual(['a\nb\n', 'c\n']);
  });
});

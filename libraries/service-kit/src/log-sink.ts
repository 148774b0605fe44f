import { fstatSync, write, writeSync } from 'node:fs';

/**
 * Where the access log's lines go. Lines written in one turn of the event loop leave in one
 * write. When stdout is a regular file (the runner sends every process's stdout to its log
 * file), Node writes to it synchronously, on the event loop: a write that waits for the disk
 * (the filesystem's journal, writeback) stalls every request behind it, which showed as the
 * gateway's latency tail under load. Those lines go through libuv's thread pool instead, one
 * write at a time, whatever arrives meanwhile batched into the next. What is still pending at
 * exit is written synchronously. Warnings and errors keep winston's synchronous path, so a
 * crash's last words are never lost; only access-log lines may land a moment after them.
 */
export interface LogSink {
  readonly service: string;
  push(line: string): void;
}

/** Past this much unwritten text (a disk far slower than the traffic) lines are dropped and counted. */
const MAX_PENDING_CHARS = 8 * 1024 * 1024;

function regularFileFd(stream: NodeJS.WritableStream): number | undefined {
  if (stream !== process.stdout) return undefined;
  try {
    return fstatSync(1).isFile() ? 1 : undefined;
  } catch {
    return undefined;
  }
}

/** `fd`: a regular file to write to asynchronously (found from stdout when not given). */
export function createLogSink(
  stream: NodeJS.WritableStream,
  service: string,
  fd: number | undefined = regularFileFd(stream),
): LogSink {
  let pending = '';
  let scheduled = false;
  let writing = false;
  let dropped = 0;

  const droppedLine = () =>
    `{"level":"warn","message":"access log lines dropped: the log file could not keep up","service":${JSON.stringify(service)},"dropped":${dropped},"timestamp":"${new Date().toISOString()}"}\n`;

  const flush = () => {
    scheduled = false;
    if (pending === '' || writing) return;
    let text = pending;
    pending = '';
    if (dropped > 0) {
      text += droppedLine();
      dropped = 0;
    }
    if (fd === undefined) {
      stream.write(text);
      return;
    }
    writing = true;
    write(fd, text, null, 'utf8', () => {
      writing = false;
      if (pending !== '') flush();
    });
  };

  if (fd !== undefined)
    process.once('exit', () => {
      if (pending !== '') writeSync(fd, pending);
    });

  return {
    service,
    push(line) {
      if (pending.length > MAX_PENDING_CHARS) {
        dropped += 1;
        return;
      }
      pending += line;
      if (!scheduled && !writing) {
        scheduled = true;
        setImmediate(flush);
      }
    },
  };
}

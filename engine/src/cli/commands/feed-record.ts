import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { finished } from 'node:stream/promises';
import { connectFeed } from '../../bitmex/feed-client.js';
import type { Logger } from '../../log.js';

/** What and where `recordFeed` records. */
export interface RecordOptions {
  /** Realtime endpoint, e.g. `wss://ws.bitmex.com/realtime`. */
  url: string;
  /** Subscription topics such as `trade:XBTUSD`. */
  topics: readonly string[];
  /** File the frames are appended to (created if missing). */
  out: string;
  /** Stop after this many seconds; otherwise only SIGINT/SIGTERM stop the recording. */
  durationSec?: number | undefined;
  log: Logger;
}

/** What a recording wrote. */
export interface RecordSummary {
  /** Text frames written, one line each. */
  messages: number;
  /** Bytes appended to the file (UTF-8, newlines included). */
  bytes: number;
}

/**
 * Records a live feed for `hm feed replay`: connects with the production feed client (ping/pong,
 * reconnects, resubscribes) and appends every text frame it receives, verbatim, as one line. Line
 * breaks inside a frame are written as spaces (insignificant whitespace in JSON), so a line is
 * always exactly one frame. Stops on SIGINT/SIGTERM or after `durationSec`, then flushes the file.
 *
 * @throws the file system error when `out` cannot be opened or written.
 */
export async function recordFeed(opts: RecordOptions): Promise<RecordSummary> {
  const out = createWriteStream(opts.out, { flags: 'a' });
  await once(out, 'open'); // fail before connecting when the file cannot be opened
  const summary: RecordSummary = { messages: 0, bytes: 0 };
  let writeError: Error | undefined;
  let stop = () => {};
  const stopped = new Promise<void>((resolve) => {
    stop = resolve;
  });
  out.on('error', (err) => {
    writeError ??= err;
    stop();
  });

  const client = connectFeed({
    url: opts.url,
    topics: opts.topics,
    log: opts.log,
    onRaw: (text) => {
      const line = `${text.replace(/[\r\n]+/g, ' ')}\n`;
      out.write(line);
      summary.messages += 1;
      summary.bytes += Buffer.byteLength(line);
    },
    onMessage: (message) => {
      if (message.kind === 'error') opts.log.warn('exchange error reply', { ...message.message });
    },
  });
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  const timer = opts.durationSec === undefined ? undefined : setTimeout(stop, opts.durationSec * 1000);
  try {
    await stopped;
  } finally {
    clearTimeout(timer);
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
    await client.close();
    out.end();
    await finished(out).catch((err: Error) => {
      writeError ??= err;
    });
  }
  if (writeError) throw writeError;
  return summary;
}

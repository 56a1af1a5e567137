import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseJsonExact } from '../src/bitmex/json.js';
import { parseFrame } from '../src/bitmex/messages.js';
import { bitmexFixtures } from './support/paths.js';

const lines = (file: string) =>
  readFileSync(path.join(bitmexFixtures, file), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '');

describe('parseFrame on recorded BitMEX messages', () => {
  it('recognises welcome frames', () => {
    for (const line of lines('ws_welcome.jsonl')) expect(parseFrame(line).kind).toBe('welcome');
  });
  it('recognises subscribe acks', () => {
    for (const line of lines('ws_subscribe_success.jsonl')) expect(parseFrame(line).kind).toBe('ack');
  });
  it('recognises error replies, including the bare rate-limit form', () => {
    for (const line of lines('ws_error.jsonl')) expect(parseFrame(line).kind).toBe('error');
  });
  it('parses trade partials and inserts as table messages', () => {
    const kinds = lines('ws_trade_XBTUSD.jsonl').map((l) => parseFrame(l));
    expect(kinds.every((k) => k.kind === 'table' || k.kind === 'ack')).toBe(true);
    expect(kinds.some((k) => k.kind === 'table' && k.message.action === 'partial')).toBe(true);
  });
  it('turns garbage into an explained `invalid`, never a throw', () => {
    expect(parseFrame('pong')).toEqual({ kind: 'pong' });
    expect(parseFrame('{"table":"trade"')).toMatchObject({
      kind: 'invalid',
      reason: expect.stringMatching(/not JSON/),
    });
    expect(parseFrame('{"table":"trade","action":"explode","data":[]}')).toMatchObject({ kind: 'invalid' });
    expect(parseFrame('42')).toMatchObject({ kind: 'invalid', reason: 'not a JSON object' });
  });
});

describe('parseJsonExact', () => {
  it('keeps integers beyond 2^53 exact as strings and leaves safe numbers alone', () => {
    const parsed = parseJsonExact(
      '{"totalTurnover":123456789012345678901,"price":9378.5,"size":100,"s":"12345678901234567890"}',
    );
    expect(parsed).toEqual({
      totalTurnover: '123456789012345678901',
      price: 9378.5,
      size: 100,
      s: '12345678901234567890',
    });
  });
  it('does not touch digits inside strings or large floats', () => {
    expect(parseJsonExact('{"id":"a\\"12345678901234567890","x":1.25e21}')).toEqual({
      id: 'a"12345678901234567890',
      x: 1.25e21,
    });
  });
});

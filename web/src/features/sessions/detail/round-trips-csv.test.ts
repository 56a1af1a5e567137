import { expect, it } from 'vitest';
import { csvFileName, roundTripsCsv } from './round-trips-csv.js';

it('exports round trips with a header, raw numbers and ISO UTC times', () => {
  const csv = roundTripsCsv(
    [
      {
        seq: 0,
        market: 'XBTUSD',
        side: 'long',
        qty: 100,
        entryTime: '2024-01-15T12:00:00.000Z',
        exitTime: '2024-01-15T12:01:00.000Z',
        entryPrice: 40000.5,
        exitPrice: 40100,
        pnl: -0.00001234,
        fees: 0.0000015,
        funding: 0,
      },
    ],
    'XBT',
  );
  const [header, row, end] = csv.split('\r\n');
  expect(header).toBe(
    'seq,market,side,qty,entry_time_utc,exit_time_utc,entry_price,exit_price,pnl,fees,funding,currency',
  );
  expect(row).toBe(
    '0,XBTUSD,long,100,2024-01-15T12:00:00.000Z,2024-01-15T12:01:00.000Z,40000.5,40100,-0.00001234,0.0000015,0,XBT',
  );
  expect(end).toBe('');
});

it('names the file from the session without unsafe characters', () => {
  expect(csvFileName('SDBot "fast", v2 / XBTUSD', '0123456789abcdef')).toBe(
    'round-trips-sdbot-fast-v2-xbtusd-01234567.csv',
  );
  expect(csvFileName('???', 'abc')).toBe('round-trips-session-abc.csv');
});

import { expect, it } from 'vitest';
import {
  actionsFor,
  canBacktest,
  formatAge,
  HISTORY_STATUSES,
  hasReason,
  healthOf,
  runtimeMs,
  STATUSES,
  sessionHealth,
} from './session-model.js';

const T0 = Date.parse('2024-01-15T12:00:00.000Z');
const iso = (ms: number) => new Date(ms).toISOString();

it('grades heartbeat age like the API: >10 s warning, >30 s stale, >120 s dead', () => {
  expect(healthOf(10_000)).toBe('HEALTHY');
  expect(healthOf(10_001)).toBe('WARNING');
  expect(healthOf(30_001)).toBe('STALE');
  expect(healthOf(120_001)).toBe('DEAD');
});

it('ages the health with the clock, only while the session should be running', () => {
  const s = { status: 'RUNNING', createdAt: iso(T0 - 60_000), startedAt: iso(T0 - 50_000), heartbeatAt: iso(T0) };
  expect(sessionHealth(s, T0 + 5_000)).toBe('HEALTHY');
  expect(sessionHealth(s, T0 + 45_000)).toBe('STALE');
  expect(sessionHealth({ ...s, heartbeatAt: null }, T0)).toBe('STALE'); // 50 s since start
  expect(sessionHealth({ ...s, status: 'STOPPED' }, T0)).toBeNull();
});

it('runs the runtime from start to now while active, else to the stop or completion', () => {
  const base = { createdAt: iso(T0), startedAt: iso(T0) };
  expect(runtimeMs({ ...base, status: 'RUNNING' }, T0 + 65_000)).toBe(65_000);
  expect(runtimeMs({ ...base, status: 'STOPPED', stoppedAt: iso(T0 + 10_000) }, T0 + 99_000)).toBe(10_000);
  expect(runtimeMs({ ...base, status: 'COMPLETED', completedAt: iso(T0 + 3_000) }, T0 + 99_000)).toBe(3_000);
  expect(runtimeMs({ createdAt: iso(T0), status: 'CREATED' }, T0)).toBeNull();
  expect(runtimeMs({ ...base, status: 'RUNNING' }, T0 - 5_000)).toBe(0);
});

it('formats ages compactly', () => {
  expect(formatAge(4_200)).toBe('4s ago');
  expect(formatAge(180_000)).toBe('3m ago');
  expect(formatAge(3 * 3_600_000)).toBe('3h ago');
  expect(formatAge(5 * 86_400_000)).toBe('5d ago');
});

it('offers only the actions the status allows', () => {
  expect(actionsFor('RUNNING')).toEqual(['stop', 'restart', 'clone']);
  expect(actionsFor('QUEUED')).toContain('stop');
  expect(actionsFor('STOPPING')).toEqual(['clone']);
  expect(actionsFor('STOPPED')).toEqual(['start', 'clone', 'delete']);
  expect(actionsFor('CREATED')).toContain('delete');
  expect(canBacktest({ mode: 'TEST', startedAt: iso(T0) })).toBe(true);
  expect(canBacktest({ mode: 'BACKTEST', startedAt: iso(T0) })).toBe(false);
  expect(canBacktest({ mode: 'TEST', startedAt: null })).toBe(false);
});

it('treats HALTED (a risk limit or the kill switch) as finished, with a reason, and startable again', () => {
  expect(STATUSES).toContain('HALTED');
  expect(HISTORY_STATUSES).toContain('HALTED');
  expect(hasReason('HALTED')).toBe(true);
  expect(hasReason('FAILED')).toBe(true);
  expect(hasReason('STOPPED')).toBe(false);
  expect(actionsFor('HALTED')).toEqual(['start', 'clone', 'delete']);
  expect(sessionHealth({ status: 'HALTED', createdAt: iso(T0), heartbeatAt: iso(T0) }, T0)).toBeNull();
});

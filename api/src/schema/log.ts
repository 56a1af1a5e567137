import type { SessionLog } from '@hm/db';
import { builder } from '../builder.js';

export const LogLevel = builder.enumType('LogLevel', {
  description: 'Severity; a filter by level returns that level and above.',
  values: ['DEBUG', 'INFO', 'WARN', 'ERROR'] as const,
});

/** Levels at or above `level`, as stored (lower case). */
export function levelsFrom(level: 'DEBUG' | 'INFO' | 'WARN' | 'ERROR'): string[] {
  const all = ['debug', 'info', 'warn', 'error'];
  return all.slice(all.indexOf(level.toLowerCase()));
}

/** A log line as stored or as streamed (id as a decimal string). */
export interface LogShape {
  id: string;
  time: Date;
  level: string;
  message: string;
  fields: unknown;
}

export const toLogShape = (row: SessionLog): LogShape => ({
  id: row.id.toString(),
  time: row.time,
  level: row.level,
  message: row.message,
  fields: row.fields,
});

export const LogRef = builder.objectRef<LogShape>('LogLine').implement({
  description: 'A structured log line of a session.',
  fields: (t) => ({
    id: t.exposeID('id'),
    time: t.expose('time', { type: 'DateTime' }),
    level: t.field({ type: LogLevel, resolve: (l) => l.level.toUpperCase() as 'DEBUG' | 'INFO' | 'WARN' | 'ERROR' }),
    message: t.exposeString('message'),
    fields: t.expose('fields', { type: 'JSON', description: 'Structured values of the line.' }),
  }),
});

import { builder } from '../builder.js';

builder.scalarType('DateTime', {
  description: 'An instant as an ISO-8601 string in UTC with milliseconds, e.g. 2024-01-15T13:47:12.345Z.',
  serialize: (value) => value.toISOString(),
  parseValue: (value) => {
    const date = typeof value === 'string' ? new Date(value) : null;
    if (!date || Number.isNaN(date.getTime())) throw new TypeError('DateTime must be an ISO-8601 string');
    return date;
  },
});

builder.scalarType('JSON', {
  description: 'Any JSON value (strategy parameters, JSON Schemas, log fields).',
  serialize: (value) => value,
  parseValue: (value) => value,
});

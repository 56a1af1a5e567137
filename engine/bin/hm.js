#!/usr/bin/env node
// The `hm` CLI launcher: TypeScript runs through tsx (Prisma 7's generated client imports .ts files).
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');

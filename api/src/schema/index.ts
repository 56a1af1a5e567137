import { builder } from '../builder.js';
import './health.js';
import './market.js';

/** The executable schema; `npm run generate` prints it to api/schema.graphql. */
export const schema = builder.toSchema({ sortSchema: false });

import { builder } from '../builder.js';
import './scalars.js';
import './health.js';
import './market.js';
import './candle.js';
import './archive.js';
import './ticker.js';
import './order-book.js';
import './trade.js';
import './errors.js';
import './strategy.js';
import './session.js';
import './session-queries.js';
import './session-mutations.js';
import './session-subscriptions.js';
import './indicator.js';
import './api-key.js';
import './exchange.js';

/** The executable schema; `npm run generate` prints it to api/schema.graphql. */
export const schema = builder.toSchema({ sortSchema: false });

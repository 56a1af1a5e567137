import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { renderGraphiQL } from '@graphql-yoga/render-graphiql';
import { createDb } from '@hm/db';
import { type ArchiveStore, openArchiveStoreFromEnv } from '@hm/engine/archive';
import { QueueName } from '@hm/engine/contracts';
import { createLogger, type Logger } from '@hm/engine/log';
import { Queue } from 'bullmq';
import { type DocumentNode, type ExecutionArgs, type ExecutionResult, GraphQLError } from 'graphql';
import type { OperationResult } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import { createYoga } from 'graphql-yoga';
import { Redis } from 'ioredis';
import { WebSocketServer } from 'ws';
import { OperationGuard, useOperationGuard } from './auth/guard.js';
import { requestContext, type ServerContext } from './auth/request-context.js';
import { AUTH_PATHS, authRoutes } from './auth/routes.js';
import type { Context, SharedContext } from './context.js';
import { type ApiLimits, DEFAULT_LIMITS } from './limits/config.js';
import { useDocumentLimits } from './limits/plugin.js';
import { RateLimiter } from './limits/rate-limit.js';
import { MarketStore } from './market-store.js';
import { maskedErrors, yogaLogger } from './masked-errors.js';
import { createRedisPubSub } from './pubsub.js';
import { schema } from './schema/index.js';
import { SessionRowReader } from './sessions/session-row-reader.js';
import { type DirectTarget, SharedSubscriptions } from './shared-subscriptions.js';
import { staticHandler } from './static.js';
import { shareKey } from './subscription-sharing.js';

type SubscribeResult = AsyncIterable<ExecutionResult> | ExecutionResult;

interface EnvelopedRunners {
  execute(args: ExecutionArgs): OperationResult;
  subscribe(args: ExecutionArgs): OperationResult;
  /** The graphql-ws operation and its sockets, for shared subscriptions' direct writes. */
  operation: Omit<DirectTarget, 'onSent'>;
}

/**
 * Logs a Redis connection's loss and recovery once each (ioredis retries on its own and would
 * otherwise raise an error per attempt).
 */
function watchRedis(name: string, client: Redis, log: Logger): void {
  let healthy = true;
  client.on('error', (err: Error) => {
    if (!healthy) return;
    healthy = false;
    log.warn('redis connection lost; retrying', { client: name, error: err.message });
  });
  client.on('ready', () => {
    if (healthy) return;
    healthy = true;
    log.info('redis connection restored', { client: name });
  });
}

export interface AppOptions {
  databaseUrl: string;
  redisUrl: string;
  port: number;
  host: string;
  /** Built dashboard directory served at `/`. */
  webDist?: string;
  log?: Logger;
  /**
   * The trade archive candles older than Redis's live history come from. Default: the one the
   * engine's environment names (HM_ARCHIVE_DIR, else HM_DATA_DIR/archive; S3 when S3_BUCKET is set).
   */
  archive?: ArchiveStore;
  /** Called as each subscription result is about to be written to a socket (benchmarks only). */
  onNext?: (result: unknown) => void;
  /** Operation limits; unset ones take DEFAULT_LIMITS (api/src/limits/config.ts). */
  limits?: Partial<ApiLimits>;
  /** Exchange trading settings; default: HM_SECRETS_KEY and HM_SIM_URL from the environment. */
  live?: SharedContext['live'];
  /** Redis key prefix of the rate-limit counters (API processes sharing one count share it). */
  rateLimitPrefix?: string;
}

export interface App {
  /** Base URL, e.g. `http://127.0.0.1:4000`. */
  readonly url: string;
  readonly server: Server;
  stop(): Promise<void>;
}

/**
 * The API process: graphql-yoga over HTTP and graphql-ws on the same port and path (`/graphql`),
 * GraphiQL (bundled, works offline) at `/graphql` in a browser, and the dashboard at `/`.
 */
export async function startApp(opts: AppOptions): Promise<App> {
  const log = opts.log ?? createLogger('api', 'warn');
  const db = createDb(opts.databaseUrl);
  // Plain commands fail fast while Redis is away (health says so) instead of queueing up.
  const redis = new Redis(opts.redisUrl, { lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 1 });
  const publishClient = new Redis(opts.redisUrl);
  const subscribeClient = new Redis(opts.redisUrl);
  const queueConnection = new Redis(opts.redisUrl, { maxRetriesPerRequest: 1 });
  const queues = {
    marketData: new Queue(QueueName.marketData, { connection: queueConnection }),
    backtest: new Queue(QueueName.backtest, { connection: queueConnection }),
    session: new Queue(QueueName.session, { connection: queueConnection }),
  };
  for (const [name, client] of Object.entries({ redis, publishClient, subscribeClient })) watchRedis(name, client, log);
  await redis.connect();

  const sharedContext: SharedContext = {
    db,
    redis,
    pubsub: createRedisPubSub(publishClient, subscribeClient, log),
    market: new MarketStore(redis),
    sessionRows: new SessionRowReader(db),
    queues,
    archive: opts.archive ?? openArchiveStoreFromEnv(),
    // Read here (not in env.ts) so tests starting apps in-process may pass their own.
    live: opts.live ?? { secretsKey: process.env.HM_SECRETS_KEY, simulatorUrl: process.env.HM_SIM_URL },
  };
  const limits: ApiLimits = { ...DEFAULT_LIMITS, ...opts.limits };
  // Every operation passes the guard: key, scope, rate and cost (api/src/auth/guard.ts).
  const guard = new OperationGuard({ limits, rateLimiter: new RateLimiter(redis, log, opts.rateLimitPrefix) });
  const yoga = createYoga<ServerContext, Context>({
    schema,
    // Per request (HTTP) or operation (graphql-ws): the shared parts and the caller's key.
    context: (initial) => requestContext(sharedContext, initial, log),
    plugins: [useDocumentLimits(limits), useOperationGuard(guard)],
    maskedErrors: maskedErrors(log),
    logging: yogaLogger(log),
    graphqlEndpoint: '/graphql',
    renderGraphiQL,
    graphiql: { subscriptionsProtocol: 'WS', title: 'HM Trading GraphiQL' },
    landingPage: false,
  });

  const serveWeb = opts.webDist ? staticHandler(opts.webDist) : null;
  const signIn = authRoutes(db, log);
  const server = createServer((req, res) => {
    const pathname = (req.url ?? '/').split('?')[0] ?? '/';
    if (AUTH_PATHS.has(pathname)) {
      signIn(req, res).catch(() => {
        if (!res.headersSent) res.writeHead(500).end();
      });
      return;
    }
    if (pathname === '/graphql' || !serveWeb) {
      void yoga.handle(req, res);
      return;
    }
    serveWeb(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500).end();
    });
  });

  const wss = new WebSocketServer({ server, path: '/graphql', perMessageDeflate: false });
  // Identical subscriptions execute once and fan out (docs/benchmarks.md): each result is serialised
  // once and written straight to every subscriber's socket, pre-framed, one write per socket per
  // tick, bypassing graphql-ws's per-subscriber send loop (graphql-ws still handles subscribe,
  // complete, errors and close). graphql-ws's `onNext` hook sees only unshared subscriptions' results;
  // `opts.onNext` is called for shared ones here. The direct writes rely on `ws` never holding
  // frames back, hence no permessage-deflate.
  const shared = new SharedSubscriptions();
  const onSent = opts.onNext;
  const wsServer = useServer(
    {
      // Yoga's enveloped execute/subscribe travel in rootValue (set in onSubscribe below), so
      // graphql-ws runs operations through the same plugins, context and validation as HTTP.
      execute: (args) => (args.rootValue as EnvelopedRunners).execute(args),
      subscribe: (args) => {
        const runners = args.rootValue as EnvelopedRunners;
        const share = shareKey(args);
        if (!share) return runners.subscribe(args);
        return shared.subscribe(
          share.key,
          share.policy,
          async () => (await runners.subscribe(args)) as SubscribeResult,
          { ...runners.operation, ...(onSent ? { onSent } : {}) },
        );
      },
      // Benchmark probe (docs/benchmarks.md): the server-side moment a result is handed to the socket.
      ...(opts.onNext
        ? {
            onNext: (_ctx: unknown, _id: unknown, _payload: unknown, _args: unknown, result: unknown) =>
              opts.onNext?.(result),
          }
        : {}),
      onSubscribe: async (ctx, id, params) => {
        const {
          schema: s,
          execute,
          subscribe,
          contextFactory,
          parse,
          validate,
        } = yoga.getEnveloped({
          ...ctx,
          req: ctx.extra.request,
          socket: ctx.extra.socket,
          params,
        });
        // A refused document (syntax, token limit) is this operation's error, not the connection's.
        let document: DocumentNode;
        try {
          document = parse(params.query);
        } catch (err) {
          if (err instanceof GraphQLError) return [err];
          throw err;
        }
        // Validation (with the depth and alias limits) before the context: no key lookup for a refused document.
        const errors = validate(s, document);
        if (errors.length) return errors;
        const args = {
          schema: s,
          operationName: params.operationName,
          document,
          variableValues: params.variables,
          contextValue: await contextFactory(),
          rootValue: {
            execute,
            subscribe,
            operation: { id, socket: ctx.extra.socket, transport: ctx.extra.request.socket },
          } satisfies EnvelopedRunners,
        };
        // Checked here, not only in the plugin: a subscription joining a shared execution never runs its own.
        const refused = await guard.check(args, 'ws');
        if (refused) return [refused];
        return args;
      },
    },
    wss,
  );

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, resolve);
  });
  const { port } = server.address() as AddressInfo;
  const host = opts.host === '0.0.0.0' || opts.host === '::' ? '127.0.0.1' : opts.host;

  return {
    url: `http://${host}:${port}`,
    server,
    async stop() {
      await wsServer.dispose();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await Promise.all(Object.values(queues).map((q) => q.close()));
      await db.$disconnect();
      for (const client of [redis, publishClient, subscribeClient, queueConnection]) client.disconnect();
    },
  };
}

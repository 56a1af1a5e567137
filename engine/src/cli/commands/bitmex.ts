import { z } from 'zod';
import { signRequest } from '../../bitmex/auth/signature.js';
import { parseFlags } from '../flags.js';

const USAGE = `usage: hm bitmex sign --secret S --verb V --path P --expires E [--body B]
         prints hex(HMAC_SHA256(S, V + P + E + B)), the api-signature header BitMEX expects
         --verb     GET, POST, PUT or DELETE
         --path     path with its query string exactly as sent, e.g. /api/v1/order?symbol=XBTUSD
         --expires  unix seconds (an integer)
         --body     the request body exactly as sent (default: empty)
       hm bitmex help`;

const SignFlags = z.object({
  secret: z.string({ error: 'required (the API secret)' }).min(1, 'must not be empty'),
  verb: z
    .string({ error: 'required (GET, POST, PUT or DELETE)' })
    .transform((v) => v.toUpperCase())
    .pipe(z.enum(['GET', 'POST', 'PUT', 'DELETE'], { error: 'must be GET, POST, PUT or DELETE' })),
  path: z
    .string({ error: 'required (e.g. /api/v1/order)' })
    .refine((p) => p.startsWith('/'), 'must start with / (e.g. /api/v1/order or /realtime)'),
  expires: z
    .string({ error: 'required (unix seconds)' })
    .regex(/^\d+$/, 'must be a non-negative integer (unix seconds)')
    .transform(Number)
    .refine(Number.isSafeInteger, 'too large'),
  body: z.string().default(''),
});

/** `hm bitmex sign|help`: BitMEX request signatures from the command line (to check a client or a capture). */
export async function bitmexCommand(argv: string[]): Promise<void> {
  const [sub, ...rest] = argv;
  switch (sub) {
    case 'sign': {
      const flags = parseFlags(rest, SignFlags, { command: 'bitmex sign', usage: USAGE });
      console.log(signRequest(flags.secret, flags));
      break;
    }
    case 'help':
    case '--help':
    case '-h':
      console.log(USAGE);
      break;
    default:
      console.error(`hm ${sub ? `bitmex: unknown command '${sub}'` : 'bitmex needs a command'}\n${USAGE}`);
      process.exit(2);
  }
}

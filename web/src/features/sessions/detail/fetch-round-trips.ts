import type { Client } from 'urql';
import type { RoundTripFieldsFragment, SessionRoundTripsQuery as TripsData } from '../../../gql/graphql';
import { SessionRoundTripsQuery } from './documents';

export type TripRow = RoundTripFieldsFragment;

/** Every round trip of a session (pages of 100, at most `max`), for CSV export and the compare view. */
export async function fetchAllRoundTrips(
  client: Client,
  id: string,
  max = 20_000,
): Promise<{ trips: TripRow[]; truncated: boolean }> {
  const trips: TripRow[] = [];
  let after: string | null = null;
  for (;;) {
    const r: { data?: TripsData; error?: Error } = await client
      .query(SessionRoundTripsQuery, { id, first: 100, after }, { requestPolicy: 'network-only' })
      .toPromise();
    if (r.error) throw r.error;
    const conn = r.data?.session?.roundTrips;
    if (!conn) throw new Error(`session ${id} not found`);
    trips.push(...conn.edges.map((e) => e.node));
    after = conn.pageInfo.endCursor ?? null;
    if (!conn.pageInfo.hasNextPage || !after) return { trips, truncated: false };
    if (trips.length >= max) return { trips, truncated: true };
  }
}

import { and, eq, gte, isNull, notInArray, sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/client.ts';
import { event } from './schema.ts';

/** Within this distance and time of an open report of the same category, a new one is probably the same matter. */
export const duplicateWindow = { metres: 100, hours: 72 } as const;

const metresPerDegreeLat = 111_320;

/**
 * The nearest open report of the same category close by in space and time, or null. A bounding box on
 * lng/lat narrows the candidates; the haversine distance decides.
 */
export async function findSuspectedDuplicate(
  tx: Tx,
  input: { categoryCode: string; lng: number; lat: number; at: Date; excludeId: string },
): Promise<string | null> {
  const dLat = duplicateWindow.metres / metresPerDegreeLat;
  const dLng = dLat / Math.cos((input.lat * Math.PI) / 180);
  const since = new Date(input.at.getTime() - duplicateWindow.hours * 3_600_000);
  const distance = sql<number>`2 * 6371000 * asin(sqrt(
    power(sin(radians(${event.lat} - ${input.lat}) / 2), 2) +
    cos(radians(${input.lat})) * cos(radians(${event.lat})) * power(sin(radians(${event.lng} - ${input.lng}) / 2), 2)))`;
  const [found] = await tx
    .select({ id: event.id, distance })
    .from(event)
    .where(
      and(
        eq(event.categoryCode, input.categoryCode),
        gte(event.reportedAt, since),
        isNull(event.mergedInto),
        notInArray(event.state, ['rejected', 'closed', 'evaluated']),
        sql`${event.id} <> ${input.excludeId}`,
        sql`${event.lat} between ${input.lat - dLat} and ${input.lat + dLat}`,
        sql`${event.lng} between ${input.lng - dLng} and ${input.lng + dLng}`,
      ),
    )
    .orderBy(distance)
    .limit(1);
  return found && found.distance <= duplicateWindow.metres ? found.id : null;
}

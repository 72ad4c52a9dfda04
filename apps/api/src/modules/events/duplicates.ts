/**
 * Within this distance and time of an open report of the same category, a new one is probably the
 * same matter. Intake's probe runs inside file_event() (migration 0015) with this window: a bounding box on lng/lat
 * over the (category_code, reported_at) index narrows the candidates, the haversine distance decides,
 * and the nearest wins.
 */
export const duplicateWindow = { metres: 100, hours: 72 } as const;

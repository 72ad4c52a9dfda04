import type { GridFeature } from '@shizhi/domain';

export type GridColorMode = 'urban' | 'households' | 'village';

export const urbanColor = '#2f6fd6';
export const ruralColor = '#2e9d62';

/** Household classes: a rural grid holds about 50 households, an urban one about 350. */
export const householdBreaks = [100, 200, 300, 400] as const;
export const householdColors = ['#fde9c9', '#fcc58a', '#f99a55', '#e8612c', '#b5381a'] as const;

export function householdClass(households: number): number {
  const index = householdBreaks.findIndex((limit) => households < limit);
  return index === -1 ? householdBreaks.length : index;
}

/** Soft, distinguishable fills for colouring grids by their community / village. */
export const villagePalette = [
  '#4e79a7', '#f28e2b', '#59a14f', '#e15759', '#76b7b2',
  '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#86bcb6',
] as const;

/** Village code → palette colour, in code order so a village keeps its colour across views. */
export function villageColors(features: readonly GridFeature[]): Map<string, string> {
  const codes = [...new Set(features.map((f) => f.properties.villageCode))].sort();
  return new Map(codes.map((code, i) => [code, villagePalette[i % villagePalette.length] ?? villagePalette[0]]));
}

export function gridFillColor(
  feature: GridFeature,
  mode: GridColorMode,
  villages?: ReadonlyMap<string, string>,
): string {
  if (mode === 'urban') return feature.properties.urban ? urbanColor : ruralColor;
  if (mode === 'village') return villages?.get(feature.properties.villageCode) ?? villagePalette[0];
  return householdColors[householdClass(feature.properties.households)] ?? householdColors[0];
}

/** "吉劳庆社区第一网格" → "第一网格": the community is already on the map. */
export function shortGridName(feature: GridFeature): string {
  const { name, villageName } = feature.properties;
  return name.startsWith(villageName) && name.length > villageName.length ? name.slice(villageName.length) : name;
}

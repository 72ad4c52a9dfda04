import { z } from 'zod';

/**
 * Org levels from the city down to the grid. Codes are real: GB/T 2260 (6 digits) for the county,
 * the 统计用区划代码 (9 and 12 digits) for 乡级 and 村级 units, and village code + 3 digits for grids.
 * Departments (成员单位) hang under the county with code `<county>D<nn>`.
 */
export const orgLevels = ['province', 'city', 'county', 'township', 'village', 'grid', 'department'] as const;
export const orgLevelSchema = z.enum(orgLevels);
export type OrgLevel = z.infer<typeof orgLevelSchema>;

export const orgLevelLabels: Record<OrgLevel, { zh: string; en: string }> = {
  province: { zh: '省级', en: 'Province' },
  city: { zh: '市级', en: 'City' },
  county: { zh: '区县', en: 'District' },
  township: { zh: '街道/乡镇', en: 'Street / town' },
  village: { zh: '社区/村', en: 'Community / village' },
  grid: { zh: '网格', en: 'Grid' },
  department: { zh: '成员单位', en: 'Member department' },
};

export const orgCodeSchema = z
  .string()
  .regex(/^(\d{2}|\d{4}|\d{6}|\d{9}|\d{12}|\d{15}|\d{6}D\d{2})$/, '组织编码格式不正确 (invalid org code)');

/** An ltree label may not contain hyphens on PostgreSQL 15, so codes are used as labels directly. */
export function orgPathOf(ancestorCodes: readonly string[]): string {
  return ancestorCodes.join('.');
}

/** The 6-digit county code every scoped row carries (the distribution column on Citus). */
export function countyCodeOf(code: string): string {
  if (code.length < 6) throw new RangeError(`org code ${code} is above county level`);
  return code.slice(0, 6);
}

/** 统计用区划代码 村级 part: 001–199 居委会 (urban), 200–399 村委会 (rural). */
export function isUrbanVillageCode(code: string): boolean {
  const tail = Number(code.slice(9, 12));
  return tail < 200 || (tail >= 400 && tail < 500);
}

export const lngLatSchema = z.tuple([z.number(), z.number()]);

export const orgUnitSchema = z
  .object({
    code: z.string(),
    parentCode: z.string().nullable(),
    name: z.string(),
    level: orgLevelSchema,
    kind: z.string(),
    urban: z.boolean().nullable(),
    households: z.number().int().nullable(),
    population: z.number().int().nullable(),
    gridCount: z.number().int(),
    childCount: z.number().int(),
    center: lngLatSchema.nullable(),
  })
  .meta({ id: 'OrgUnit' });
export type OrgUnit = z.infer<typeof orgUnitSchema>;

export const governanceCenterSchema = z
  .object({ name: z.string(), address: z.string().nullable(), phone: z.string().nullable() })
  .meta({ id: 'GovernanceCenter' });

export const gridPostSchema = z
  .object({
    post: z.enum(['A', 'B']),
    workerName: z.string(),
    phone: z.string().describe('masked unless the reader may see it whole'),
    username: z.string().nullable(),
  })
  .meta({ id: 'GridPost' });
export type GridPost = z.infer<typeof gridPostSchema>;

export const orgUnitDetailSchema = z
  .object({
    unit: orgUnitSchema,
    ancestors: z.array(z.object({ code: z.string(), name: z.string(), level: orgLevelSchema })),
    center: governanceCenterSchema.nullable(),
    posts: z.array(gridPostSchema),
    children: z.array(orgUnitSchema),
  })
  .meta({ id: 'OrgUnitDetail' });
export type OrgUnitDetail = z.infer<typeof orgUnitDetailSchema>;

export const polygonSchema = z.object({
  type: z.literal('Polygon'),
  coordinates: z.array(z.array(lngLatSchema)),
});
export type Polygon = z.infer<typeof polygonSchema>;

export const gridFeatureSchema = z.object({
  type: z.literal('Feature'),
  id: z.string(),
  geometry: polygonSchema,
  properties: z.object({
    code: z.string(),
    name: z.string(),
    villageCode: z.string(),
    villageName: z.string(),
    urban: z.boolean(),
    households: z.number().int(),
    population: z.number().int(),
    workers: z.array(gridPostSchema),
  }),
});
export type GridFeature = z.infer<typeof gridFeatureSchema>;

export const gridCollectionSchema = z
  .object({
    type: z.literal('FeatureCollection'),
    features: z.array(gridFeatureSchema),
    bbox: z.tuple([z.number(), z.number(), z.number(), z.number()]).nullable(),
  })
  .meta({ id: 'GridCollection' });
export type GridCollection = z.infer<typeof gridCollectionSchema>;

export const orgCodeParamsSchema = z.object({ code: orgCodeSchema });

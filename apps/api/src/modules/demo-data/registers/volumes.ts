import type { Rng } from '@shizhi/domain';
import { allocateByWeight } from '../allocate.ts';
import type { DemoScale } from '../plan.ts';
import type { GridTargets, RegisterGrid } from './context.ts';

/**
 * How much each grid holds. At 'demo' and 'test' scale the registers follow the grids' households:
 * about nine in ten households collected, one house each, tenants in the rented ones. At 'seed'
 * scale they carry the seeds' figures — 2,675,933 records, 户籍人口 2,116,045 and 实有住房 542,495 —
 * split over the grids exactly; the rest (17,393) are migrants, foreigners, 留守 and 未落户 people
 * and organisations, in the shares below.
 */
export const seedScaleRegisters = {
  registered: 2_116_045,
  houses: 542_495,
  migrants: 9_800,
  foreign: 250,
  leftBehind: 2_400,
  unregistered: 183,
  organisations: 4_760,
} as const;

export const seedScaleRecords = Object.values(seedScaleRegisters).reduce((s, n) => s + n, 0);

/** 采集率 of a grid: most grids nearly complete, a few down to 85 %. */
function collectionOf(rng: Rng): number {
  return 1 - 0.15 * rng.next() ** 2;
}

export function gridTargets(grids: readonly RegisterGrid[], scale: DemoScale, rng: Rng): GridTargets[] {
  const collection = grids.map((g) => collectionOf(rng.fork(`collection:${g.code}`)));
  if (scale !== 'seed') return collection.map((c) => ({ collection: c }));
  const v = seedScaleRegisters;
  const split = (total: number, weight: (g: RegisterGrid) => number) => allocateByWeight(total, grids.map(weight));
  const houses = split(v.houses, (g) => g.households);
  const registered = split(v.registered, (g) => g.households);
  const migrants = split(v.migrants, (g) => (g.urban ? g.households : g.households * 0.1));
  const foreign = split(v.foreign, (g) => (g.urban ? g.households : 0));
  const leftBehind = split(v.leftBehind, (g) => (g.urban ? 0 : g.households));
  const unregistered = split(v.unregistered, (g) => g.households);
  const organisations = split(v.organisations, (g) => (g.urban ? 10 : 1.5));
  return grids.map((_, i) => ({
    collection: collection[i]!,
    houses: houses[i]!,
    registered: registered[i]!,
    migrants: migrants[i]!,
    foreign: foreign[i]!,
    leftBehind: leftBehind[i]!,
    unregistered: unregistered[i]!,
    organisations: organisations[i]!,
  }));
}

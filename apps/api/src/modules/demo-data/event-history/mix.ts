import type { EventSource, Rng, WorkCalendar } from '@shizhi/domain';
import type { Category } from '../../events/index.ts';
import type { HistoryGrid } from './district.ts';
import { machineCategoryCodes } from './texts.ts';

/**
 * How much of what, where and when: the category mix, who reports it, the seasons and weekdays, and
 * the hours people report at. Figures are the demo's own estimates, shaped by the seed texts (矛盾纠纷
 * the largest stream: 14,487 disputes in three years in a district of 872 grids) and by how 12345
 * hotlines and grid systems report their volumes (summer peaks for 城市管理, winter ones for 消防 and
 * heating, wage arrears before the Spring Festival).
 */

/** Share of all reports per subcategory; admin-added subcategories get a small default share. */
const categoryShares: Readonly<Record<string, number>> = {
  // 矛盾纠纷 0.32
  '0101': 0.05, '0102': 0.11, '0103': 0.03, '0104': 0.045, '0105': 0.02, '0106': 0.035, '0199': 0.03,
  // 治安隐患 0.10
  '0201': 0.035, '0202': 0.01, '0203': 0.015, '0299': 0.04,
  // 安全生产 0.07
  '0301': 0.028, '0302': 0.018, '0303': 0.017, '0399': 0.007,
  // 消防安全 0.09
  '0401': 0.032, '0402': 0.032, '0403': 0.018, '0499': 0.008,
  // 城市管理 0.22
  '0501': 0.066, '0502': 0.066, '0503': 0.022, '0504': 0.044, '0599': 0.022,
  // 民生服务 0.17
  '0601': 0.034, '0602': 0.042, '0603': 0.051, '0699': 0.043,
  // 其他 0.03
  '9999': 0.03,
};
const otherShare = 0.005;

/** Who reports each top category: grid workers most, then the 12345 hotline, citizens' phones, cameras. */
const sourceWeights: Readonly<Record<string, readonly (readonly [EventSource, number])[]>> = {
  '01': [['grid_worker', 62], ['hotline', 24], ['citizen', 14]],
  '02': [['grid_worker', 55], ['hotline', 18], ['citizen', 15], ['machine', 12]],
  '03': [['grid_worker', 68], ['hotline', 16], ['citizen', 16]],
  '04': [['grid_worker', 52], ['hotline', 10], ['citizen', 12], ['machine', 26]],
  '05': [['grid_worker', 52], ['hotline', 19], ['citizen', 14], ['machine', 15]],
  '06': [['grid_worker', 48], ['hotline', 34], ['citizen', 18]],
  '99': [['grid_worker', 40], ['hotline', 35], ['citizen', 25]],
};

/** Share of a grid worker's own reports they settle on the spot (小事不出网格), by subcategory. */
const selfHandleShares: Readonly<Record<string, number>> = {
  '0101': 0.65, '0102': 0.88, '0103': 0.1, '0104': 0.55, '0105': 0.2, '0106': 0.4, '0199': 0.65,
  '0201': 0.35, '0202': 0.05, '0203': 0.55, '0299': 0.6,
  '0301': 0.45, '0302': 0.3, '0303': 0.55, '0399': 0.55,
  '0401': 0.88, '0402': 0.9, '0403': 0.55, '0499': 0.6,
  '0501': 0.88, '0502': 0.8, '0503': 0.1, '0504': 0.25, '0599': 0.65,
  '0601': 0.5, '0602': 0.9, '0603': 0.8, '0699': 0.55,
  '9999': 0.5,
};

export function selfHandleShare(categoryCode: string): number {
  return selfHandleShares[categoryCode] ?? 0.5;
}

const flat = [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1];
/** Month factors (January first). */
const seasons: Readonly<Record<string, readonly number[]>> = {
  base: [0.85, 0.75, 0.95, 1, 1.05, 1.1, 1.1, 1.1, 1.05, 0.95, 0.95, 0.9],
  // Heating season (Oct 15 – Apr 15 in Ordos): stoves, chargers indoors, cold pipes.
  '04': [1.4, 1.3, 1.1, 0.9, 0.8, 0.8, 0.8, 0.8, 0.9, 1, 1.2, 1.4],
  '05': [0.6, 0.6, 0.9, 1.1, 1.25, 1.3, 1.3, 1.3, 1.2, 1, 0.8, 0.65],
  '0103': [1.6, 1.3, 0.8, 0.8, 0.8, 0.8, 0.8, 0.9, 0.9, 0.9, 1.2, 1.6],
  '0699': [1.6, 1.4, 1, 0.6, 0.5, 0.6, 0.7, 0.7, 0.7, 1, 1.5, 1.7],
};

function seasonOf(categoryCode: string): string {
  if (seasons[categoryCode]) return categoryCode;
  if (seasons[categoryCode.slice(0, 2)]) return categoryCode.slice(0, 2);
  return 'base';
}

/** Where a subcategory happens: per-household factors for urban and rural grids. */
function placeFactor(categoryCode: string, urban: boolean): number {
  switch (categoryCode) {
    case '0105':
      return urban ? 0.02 : 3;
    case '0104':
    case '0203':
    case '0501':
    case '0504':
    case '0402':
      return urban ? 1 : 0.3;
    default:
      // A rural grid's 50 households report more per household than a city block's 350.
      return urban ? 1 : 1.6;
  }
}

/** Cumulative weights and a binary search: the one tool every draw below uses. */
class WeightedIndex {
  private readonly cumulative: Float64Array;

  constructor(weights: readonly number[]) {
    this.cumulative = new Float64Array(weights.length);
    let sum = 0;
    weights.forEach((w, i) => {
      sum += Math.max(0, w);
      this.cumulative[i] = sum;
    });
    if (!(sum > 0)) throw new RangeError('weights must have a positive sum');
  }

  draw(rng: Rng): number {
    const target = rng.next() * this.cumulative[this.cumulative.length - 1]!;
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.cumulative[mid]! > target) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }
}

const hourMs = 3_600_000;
const dayMs = 24 * hourMs;
const chinaOffsetMs = 8 * hourMs;

/** Days since 1970-01-01 in China time. */
export function chinaDayOf(ms: number): number {
  return Math.floor((ms + chinaOffsetMs) / dayMs);
}

function midnightOf(day: number): number {
  return day * dayMs - chinaOffsetMs;
}

/** Minutes after midnight a report is made at, by channel and by whether the day is worked. */
function minuteOfDay(rng: Rng, source: EventSource, workingDay: boolean): number {
  const between = (fromH: number, toH: number) => Math.floor(rng.real(fromH * 60, toH * 60));
  switch (source) {
    case 'grid_worker':
      // On duty 08:30–12:00 and 13:30–17:30; some patrols start early or run late.
      if (!workingDay) return between(9, 18);
      return rng.weighted([
        [() => between(8.5, 12), 47],
        [() => between(13.5, 17.5), 41],
        [() => between(7.5, 8.5), 4],
        [() => between(17.5, 20), 8],
      ])();
    case 'hotline':
      return rng.chance(0.85) ? between(8, 21) : between(0, 24);
    case 'citizen':
      return rng.weighted([
        [() => between(7, 12), 30],
        [() => between(12, 18), 30],
        [() => between(18, 23), 32],
        [() => between(0, 24), 8],
      ])();
    default:
      return between(0, 24);
  }
}

export interface ReportDraw {
  category: Category;
  source: EventSource;
  grid: HistoryGrid;
  reportedAt: number;
}

/**
 * Draws what is reported, by whom, where and when over `[from, to)`. Each draw uses only the rng it is
 * given, so an event's draws do not depend on how many came before it.
 */
export class ReportMix {
  private readonly categories: readonly Category[];
  private readonly categoryIndex: WeightedIndex;
  private readonly gridIndex = new Map<string, WeightedIndex>();
  private readonly dayIndex = new Map<string, WeightedIndex>();
  private readonly firstDay: number;
  private readonly days: number;
  private readonly working: boolean[];

  constructor(
    categories: readonly Category[],
    private readonly grids: readonly HistoryGrid[],
    calendar: WorkCalendar,
    private readonly from: number,
    private readonly to: number,
  ) {
    if (categories.length === 0) throw new RangeError('no event categories to report under');
    if (grids.length === 0) throw new RangeError('no grids to place events in');
    this.categories = categories;
    this.categoryIndex = new WeightedIndex(categories.map((c) => categoryShares[c.code] ?? otherShare));
    this.firstDay = chinaDayOf(from);
    this.days = chinaDayOf(to - 1) - this.firstDay + 1;
    this.working = Array.from({ length: this.days }, (_, i) =>
      calendar.isWorkingDay(new Date((this.firstDay + i) * dayMs).toISOString().slice(0, 10)),
    );
  }

  draw(rng: Rng): ReportDraw {
    const category = this.categories[this.categoryIndex.draw(rng)]!;
    const top = category.code.slice(0, 2);
    const weights = (sourceWeights[top] ?? sourceWeights['99']!).filter(([s]) => s !== 'machine' || machineCategoryCodes.has(category.code));
    const source = rng.weighted(weights);
    const grid = this.grids[this.gridsFor(category.code).draw(rng)]!;
    return { category, source, grid, reportedAt: this.timeFor(rng, category.code, source) };
  }

  private gridsFor(code: string): WeightedIndex {
    let index = this.gridIndex.get(code);
    if (!index) {
      index = new WeightedIndex(this.grids.map((g) => g.households * placeFactor(code, g.urban)));
      this.gridIndex.set(code, index);
    }
    return index;
  }

  private daysFor(season: string, source: EventSource): WeightedIndex {
    const key = `${season}:${source}`;
    let index = this.dayIndex.get(key);
    if (!index) {
      const months = seasons[season] ?? flat;
      const offDay = source === 'grid_worker' ? 0.3 : source === 'hotline' ? 0.7 : 0.9;
      index = new WeightedIndex(
        this.working.map((working, i) => {
          const date = new Date((this.firstDay + i) * dayMs);
          // Use grows as the platform beds in: the first year has about two thirds of the last one's reports.
          const trend = 0.8 + (0.4 * i) / this.days;
          const monday = date.getUTCDay() === 1 ? 1.1 : 1;
          return trend * months[date.getUTCMonth()]! * (working ? monday : offDay);
        }),
      );
      this.dayIndex.set(key, index);
    }
    return index;
  }

  private timeFor(rng: Rng, code: string, source: EventSource): number {
    const days = this.daysFor(seasonOf(code), source);
    for (let attempt = 0; ; attempt++) {
      const i = days.draw(rng);
      const at = midnightOf(this.firstDay + i) + minuteOfDay(rng, source, this.working[i]!) * 60_000 + rng.int(0, 59_999);
      if (at >= this.from && at < this.to) return at;
      // The first and last days are partial: redraw, and after a few tries settle inside the window.
      if (attempt >= 8) return this.to - rng.int(60_000, 3_600_000);
    }
  }
}

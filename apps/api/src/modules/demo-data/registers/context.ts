import { createRng, makeIdNumber, type Rng } from '@shizhi/domain';
import type { address, household, house, organisation, person, registerHistory } from '../../registers/schema.ts';

/**
 * What the register planners share across grids: the county, the ids and codes handed out so far,
 * and the few people kept back to be registered a second time elsewhere. Grids are planned in code
 * order, so everything drawn here is reproducible from the seed.
 */

export type AddressRow = typeof address.$inferInsert;
export type HouseholdRow = typeof household.$inferInsert;
/** A house row before sealing: the owner's ID number and phone in clear. */
export type HouseDraft = Omit<typeof house.$inferInsert, 'ownerIdEnc' | 'ownerIdBidx' | 'ownerPhoneEnc' | 'ownerPhoneBidx'> & {
  ownerIdNumber: string | null;
  ownerPhone: string | null;
};
export type PersonDraft = Omit<typeof person.$inferInsert, 'idEnc' | 'idBidx' | 'phoneEnc' | 'phoneBidx'> & {
  idNumber: string | null;
  phone: string | null;
};
export type OrganisationDraft = Omit<
  typeof organisation.$inferInsert,
  'legalRepIdEnc' | 'legalRepIdBidx' | 'legalRepPhoneEnc' | 'legalRepPhoneBidx'
> & { legalRepIdNumber: string | null; legalRepPhone: string | null };
export type HistoryRow = typeof registerHistory.$inferInsert;

/** One grid as the planners need it (read from org_unit and grid_post). */
export interface RegisterGrid {
  code: string;
  name: string;
  villageCode: string;
  villageName: string;
  townshipName: string;
  urban: boolean;
  /** 应采集 households (org_unit.households) and the planned population. */
  households: number;
  population: number;
  orgPath: string;
  /** [west, south, east, north] of the grid's polygon. */
  bbox: readonly [number, number, number, number];
  /** The A-post grid worker, named in the history rows of the people they moved out. */
  worker: { id: string | null; name: string };
}

/** Exact volumes for a grid ('seed' scale); undefined ones follow from the grid's households. */
export interface GridTargets {
  /** Share of the grid's households registered (采集率), 0.85–1. */
  collection: number;
  houses?: number;
  /** 户籍人口 (person type 01) records. */
  registered?: number;
  migrants?: number;
  foreign?: number;
  leftBehind?: number;
  unregistered?: number;
  organisations?: number;
}

export interface GridRegisters {
  addresses: AddressRow[];
  households: HouseholdRow[];
  houses: HouseDraft[];
  people: PersonDraft[];
  organisations: OrganisationDraft[];
  history: HistoryRow[];
}

/** A person kept to be registered a second time in a later grid (a 重复登记 the quality page finds). */
export interface KeptPerson {
  name: string;
  gender: string;
  birthDate: string;
  ethnicity: string | null;
  idNumber: string;
}

export class RegisterContext {
  readonly rng: Rng;
  readonly countyCode: string;
  readonly countyName: string;
  readonly cityName: string;
  /** Ages and the quality checks count from this day (YYYY-MM-DD). */
  readonly asOf: string;
  readonly today: Date;
  readonly now: Date;
  readonly kept: KeptPerson[] = [];
  readonly #sequences = new Map<string, number>();
  readonly #counters = new Map<string, number>();
  readonly #idSequences = new Map<string, number>();

  constructor(options: { seed: string; countyCode: string; countyName: string; cityName: string; now: Date }) {
    this.rng = createRng(`${options.seed}:${options.countyCode}:registers`);
    this.countyCode = options.countyCode;
    this.countyName = options.countyName;
    this.cityName = options.cityName;
    this.now = options.now;
    this.asOf = new Date(options.now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
    this.today = new Date(`${this.asOf}T00:00:00Z`);
  }

  /** The next number of a named counter (1, 2, 3 …): compounds of a village, households of a village. */
  next(counter: string): number {
    const n = (this.#counters.get(counter) ?? 0) + 1;
    this.#counters.set(counter, n);
    return n;
  }

  /**
   * Time-ordered ids (a per-table sequence in the first 48 bits, then random bits), so the primary
   * key indexes append; the same seed gives the same ids.
   */
  uuid(table: string, rng: Rng): string {
    const n = (this.#sequences.get(table) ?? 0) + 1;
    this.#sequences.set(table, n);
    const seq = n.toString(16).padStart(12, '0');
    const r = () => Math.floor(rng.next() * 0x1000000).toString(16).padStart(6, '0');
    const a = r() + r() + r();
    const variant = ((parseInt(a[17]!, 16) & 0x3) | 0x8).toString(16);
    return `${seq.slice(0, 8)}-${seq.slice(8, 12)}-4${a.slice(0, 3)}-${variant}${a.slice(3, 6)}-${a.slice(6, 18)}`;
  }

  /**
   * A GB 11643 number unique in the district: generated numbers draw a random sequence and would
   * repeat by the birthday paradox at city scale (tens of thousands of pairs in two million), so the
   * sequence is counted per place, birth date and gender instead.
   */
  uniqueIdNumber(idNumber: string, gender: string): string {
    const addressCode = idNumber.slice(0, 6);
    const birth = idNumber.slice(6, 14);
    const key = `${addressCode}${birth}${gender}`;
    // The first number drawn for a key fixes where its sequence starts; later ones step by 211, which
    // is prime to 500 and 499, so the first 499 people of a key get distinct sequences.
    const k = this.#idSequences.get(key) ?? Number(idNumber.slice(14, 17)) * 1000;
    this.#idSequences.set(key, k + 1);
    const slot = Math.floor(k / 1000) + (k % 1000) * 211;
    const sequence = gender === '1' ? (slot % 500) * 2 + 1 : ((slot % 499) + 1) * 2;
    return makeIdNumber(addressCode, `${birth.slice(0, 4)}-${birth.slice(4, 6)}-${birth.slice(6, 8)}`, sequence);
  }
}

export function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/** A date (YYYY-MM-DD) `days` days after `date`. */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** Whole years from `birthDate` to `asOf`. */
export function ageOn(birthDate: string, asOf: string): number {
  const years = Number(asOf.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return asOf.slice(5) < birthDate.slice(5) ? years - 1 : years;
}

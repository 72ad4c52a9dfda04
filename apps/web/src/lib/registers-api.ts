import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { codeLabel, type RegisterCodeTableId } from '@shizhi/domain';
import { useLocale } from '../i18n/index.ts';
import { apiDownload, apiGet, apiRequest } from './api-client.ts';
import { saveFile } from './save-file.ts';

/**
 * 一标三实 registers (`/api/registers`): 实有人口, 实有房屋, 实有单位 and the 一标 standard addresses.
 * The shapes follow the HTTP contract of issue 5 (apps/api/src/modules/registers/contract.ts); code
 * fields carry codes of the domain's registerCodeTables and are labelled here, on the web. Shared by
 * the registers feature and the grid worker's phone page (居民查询), hence in lib/.
 */
export const registersQueryKey = ['registers'] as const;

export type RecordStatus = 'active' | 'moved_out' | 'deregistered';
export type RegisterEntity = 'people' | 'houses' | 'organisations';

export interface Paged<T> {
  items: T[];
  total: number;
  /** The API stops counting at 10,000. */
  totalCapped?: boolean;
  page: number;
  pageSize: number;
}

export interface PersonRow {
  id: string;
  name: string;
  gender: string | null;
  birthDate: string | null;
  personType: string;
  idNumberMasked: string | null;
  phoneMasked: string | null;
  residenceAddress: string | null;
  gridCode: string;
  gridName: string | null;
  villageName: string | null;
  householdNumber: string | null;
  relationToHead: string | null;
  status: RecordStatus;
  problems: string[];
}

export interface HouseRow {
  id: string;
  code: string;
  address: string | null;
  gridCode: string;
  gridName: string | null;
  houseUse: string | null;
  rental: boolean;
  ownerName: string | null;
  ownerPhoneMasked: string | null;
  maxOccupants: number | null;
  actualOccupants: number | null;
  residents: number;
  hazardGrade: string | null;
  status: RecordStatus;
}

export interface OrganisationRow {
  id: string;
  code: string;
  name: string;
  kind: string;
  category: string | null;
  address: string | null;
  gridCode: string;
  gridName: string | null;
  legalRepName: string | null;
  legalRepPhoneMasked: string | null;
  employees: number | null;
  attentionLevel: string | null;
  status: RecordStatus;
}

interface Lifecycle {
  status: RecordStatus;
  statusReason: string | null;
  statusAt: string | null;
  problems: string[];
  version: number;
  importId: string | null;
  importRow: number | null;
  createdAt: string;
  updatedAt: string;
}

interface Place {
  gridCode: string;
  gridName: string | null;
  villageCode: string;
  villageName: string | null;
  addressId: string | null;
  /** 标准地址全称 */
  address: string | null;
}

export interface PersonDetail extends Lifecycle, Place {
  id: string;
  personType: string;
  name: string;
  formerName: string | null;
  gender: string | null;
  birthDate: string | null;
  ethnicity: string | null;
  nativePlace: string | null;
  maritalStatus: string | null;
  politicalStatus: string | null;
  education: string | null;
  religion: string | null;
  occupationCategory: string | null;
  occupation: string | null;
  workplace: string | null;
  organisationId: string | null;
  idType: string | null;
  idNumberMasked: string | null;
  idValid: boolean | null;
  phoneMasked: string | null;
  registeredDivision: string | null;
  registeredAddress: string | null;
  houseId: string | null;
  residenceAddress: string | null;
  householdId: string | null;
  relationToHead: string | null;
  personHouseholdConsistent: boolean | null;
  details: Record<string, string | null>;
}

export interface PersonPage {
  person: PersonDetail;
  house: { id: string; code: string; address: string | null; rental: boolean } | null;
  household: {
    id: string;
    number: string;
    kind: string;
    members: { id: string; name: string; relationToHead: string | null; gender: string | null; birthDate: string | null; status: RecordStatus }[];
  } | null;
  organisation: { id: string; name: string; kind: string } | null;
  events: { id: string; number: string; title: string; status: string; reportedAt: string; role: string }[];
  disputes: { id: string; number: string; title: string; state: string; role: string }[];
  canReveal: boolean;
  canEdit: boolean;
}

export interface HouseDetail extends Lifecycle, Place {
  id: string;
  code: string;
  buildingUse: string | null;
  houseUse: string | null;
  area: number | null;
  propertyType: string | null;
  ownerName: string | null;
  ownerIdType: string | null;
  ownerIdNumberMasked: string | null;
  ownerPhoneMasked: string | null;
  rental: boolean;
  rentalUse: string | null;
  landlordType: string | null;
  maxOccupants: number | null;
  actualOccupants: number | null;
  pledgeSigned: boolean | null;
  hazardGrade: string | null;
  hazardType: string | null;
}

export type AddressLevel = 'compound' | 'building' | 'unit' | 'room';

export interface AddressNode {
  id: string;
  code: string;
  level: AddressLevel;
  name: string;
  fullName: string;
  gridCode: string;
  villageCode?: string;
  parentId?: string | null;
  /** How many child addresses it has. */
  children: number;
  /** A room's house and its residents, when the API tells. */
  house?: { id: string; code: string } | null;
  residents?: number;
}

export interface HousePage {
  house: HouseDetail;
  residents: PersonRow[];
  address: AddressNode | null;
  canReveal: boolean;
  canEdit: boolean;
}

export interface OrganisationDetail extends Lifecycle, Place {
  id: string;
  code: string;
  name: string;
  kind: string;
  category: string | null;
  legalRepName: string | null;
  legalRepIdNumberMasked: string | null;
  legalRepPhoneMasked: string | null;
  securityHeadName: string | null;
  employees: number | null;
  hazardousChemicals: boolean | null;
  hazardType: string | null;
  attentionLevel: string | null;
  partyOrg: boolean | null;
  schoolType: string | null;
  students: number | null;
  staff: number | null;
  securityStaff: number | null;
  principalName: string | null;
  details: Record<string, string | null>;
}

export interface OrganisationPage {
  organisation: OrganisationDetail;
  people: PersonRow[];
  canReveal: boolean;
  canEdit: boolean;
}

export interface HistoryEntry {
  version: number;
  action: string;
  /** `{ field: { from, to } }`; a personal field as `{ changed: true }` only. */
  changes: Record<string, unknown>;
  actorName: string;
  at: string;
  importId: string | null;
  importRow?: number | null;
  fileName?: string | null;
}

/** Whole values of a record, as `POST /<entity>/:id/personal-data` answers them. */
export type PersonalData = Record<string, string | null>;

export interface RegisterListParams {
  q?: string;
  address?: string;
  unit?: string;
  status?: RecordStatus | 'all';
  personType?: string;
  rental?: 'true' | 'false';
  hazardGrade?: string;
  kind?: string;
  attentionLevel?: string;
  page: number;
  pageSize: number;
}

const path = (entity: RegisterEntity, id?: string, rest = '') => `/registers/${entity}${id ? `/${encodeURIComponent(id)}` : ''}${rest}`;

function useRegisterList<T>(entity: RegisterEntity, params: RegisterListParams, enabled = true) {
  return useQuery({
    queryKey: [...registersQueryKey, entity, 'list', params],
    queryFn: ({ signal }) => apiGet<Paged<T>>(path(entity), { ...params }, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export const usePersonList = (params: RegisterListParams, options: { enabled?: boolean } = {}) =>
  useRegisterList<PersonRow>('people', params, options.enabled ?? true);
export const useHouseList = (params: RegisterListParams, options: { enabled?: boolean } = {}) =>
  useRegisterList<HouseRow>('houses', params, options.enabled ?? true);
export const useOrganisationList = (params: RegisterListParams, options: { enabled?: boolean } = {}) =>
  useRegisterList<OrganisationRow>('organisations', params, options.enabled ?? true);

function useRegisterPage<T>(entity: RegisterEntity, id: string | undefined) {
  return useQuery({
    queryKey: [...registersQueryKey, entity, 'detail', id],
    queryFn: ({ signal }) => apiGet<T>(path(entity, id ?? ''), undefined, signal),
    enabled: Boolean(id),
  });
}

export const usePersonPage = (id: string | undefined) => useRegisterPage<PersonPage>('people', id);
export const useHousePage = (id: string | undefined) => useRegisterPage<HousePage>('houses', id);
export const useOrganisationPage = (id: string | undefined) => useRegisterPage<OrganisationPage>('organisations', id);

/** 变更记录: who changed what, when. */
export function useRegisterHistory(entity: RegisterEntity, id: string | undefined) {
  return useQuery({
    queryKey: [...registersQueryKey, entity, 'history', id],
    queryFn: async ({ signal }) => {
      const answer = await apiGet<HistoryEntry[] | { items: HistoryEntry[] }>(path(entity, id ?? '', '/history'), undefined, signal);
      return Array.isArray(answer) ? answer : answer.items;
    },
    enabled: Boolean(id),
  });
}

/** 查看完整: the record's whole ID numbers and phones. The API checks the capability and scope and logs the read with its purpose. */
export function useRevealPersonalData(entity: RegisterEntity, id: string) {
  return useMutation({
    mutationFn: (purpose: string) => apiRequest<PersonalData>(path(entity, id, '/personal-data'), { method: 'POST', body: { purpose } }),
  });
}

/** Create (`POST`) or edit (`PATCH` with the version the form was read at; 409 when someone else saved first). */
export function useSaveRecord(entity: RegisterEntity, id?: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: Record<string, unknown>) =>
      apiRequest<{ id: string; version?: number }>(path(entity, id), { method: id ? 'PATCH' : 'POST', body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: registersQueryKey }),
  });
}

export type LifecycleAction = 'move-out' | 'deregister' | 'reactivate';

/** 迁出, 注销, 恢复. */
export function useRecordLifecycle(entity: RegisterEntity, id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ action, body }: { action: LifecycleAction; body: Record<string, unknown> }) =>
      apiRequest<{ id: string; version?: number }>(path(entity, id, `/${action}`), { method: 'POST', body }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: registersQueryKey }),
  });
}

/**
 * 导出 Excel: what the list shows, masked; `whole` with a purpose asks for whole ID numbers and
 * phones (registers.personal_data; one audit row for the export).
 */
export async function downloadRegisterExport(
  entity: RegisterEntity,
  params: RegisterListParams,
  whole: { purpose: string } | null,
): Promise<void> {
  const { page: _page, pageSize: _size, ...filters } = params;
  const { blob, filename } = await apiDownload(path(entity, undefined, '/export.xlsx'), {
    ...filters,
    ...(whole ? { whole: '1', purpose: whole.purpose } : {}),
  });
  saveFile(blob, filename ?? `${entity}.xlsx`);
}

// ─── 一标 standard addresses ──────────────────────────────────────────────────────────────────────

/** Children of an address, or the compounds of a 村/社区 (`village`). */
export function useAddressChildren(by: { parent: string } | { village: string } | null) {
  return useQuery({
    queryKey: [...registersQueryKey, 'addresses', 'children', by],
    queryFn: ({ signal }) => fetchAddressChildren(by!, signal),
    enabled: by !== null,
    staleTime: 60_000,
  });
}

export async function fetchAddressChildren(by: { parent: string } | { village: string }, signal?: AbortSignal): Promise<AddressNode[]> {
  const answer = await apiGet<AddressNode[] | { items: AddressNode[] }>('/registers/addresses', by, signal);
  return Array.isArray(answer) ? answer : answer.items;
}

export function useAddressSearch(q: string) {
  return useQuery({
    queryKey: [...registersQueryKey, 'addresses', 'search', q],
    queryFn: async ({ signal }) => {
      const answer = await apiGet<AddressNode[] | { items: AddressNode[] }>('/registers/addresses/search', { q }, signal);
      return Array.isArray(answer) ? answer : answer.items;
    },
    enabled: q.trim().length >= 2,
    placeholderData: keepPreviousData,
  });
}

export interface AddressInput {
  parentId?: string | null;
  villageCode?: string | null;
  level: AddressLevel;
  name: string;
  gridCode?: string | null;
}

export function useCreateAddress() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: AddressInput) => apiRequest<{ id: string }>('/registers/addresses', { method: 'POST', body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: [...registersQueryKey, 'addresses'] }),
  });
}

// ─── labels ───────────────────────────────────────────────────────────────────────────────────────

/** The label of a register code in the UI's language; null and '' show as '—'. */
export function useCodeLabel(): (table: RegisterCodeTableId, code: string | null | undefined) => string {
  const { locale } = useLocale();
  return (table, code) => (code ? codeLabel(table, code, locale === 'en' ? 'en' : 'zh') : '—');
}

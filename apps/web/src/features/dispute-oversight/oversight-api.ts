import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  ActOnEscalation,
  AddKeyPerson,
  AnswerDecision,
  CloseHardCase,
  DecisionOutcome,
  EscalationFlag,
  EscalationFlagState,
  EscalationGrade,
  EscalationRule,
  EscalationSettings,
  FileScreening,
  HardCaseOutcome,
  HardCaseProgress,
  HardCaseState,
  KeyPersonCategory,
  MeetingAgenda,
  MeetingState,
  PrepareMeeting,
  RecordMeeting,
  ScreeningItem,
} from '@shizhi/domain';
import { apiGet, apiRequest } from '../../lib/api-client.ts';

/**
 * `/api/dispute-oversight` (docs/dispute-oversight.md): 排查, 四定四包, 联席会议 and 督办单, 民转刑预警.
 * The API does not describe its response bodies as schemas yet, so their shapes are written out here
 * from the module's queries.
 */
export const oversightKey = ['dispute-oversight'] as const;
const base = '/dispute-oversight';

export interface ScreeningCounts {
  expected: number;
  filed: number;
  filedLate: number;
  nilReports: number;
  items: number;
  missing: number;
  notDue: number;
}
export interface ScreeningSummary {
  orgCode: string;
  period: string;
  dueOn: string;
  own: ScreeningCounts;
  units: (ScreeningCounts & { code: string; name: string; level: string })[];
  total: ScreeningCounts;
}
export interface MissingScreenings {
  orgCode: string;
  period: string;
  dueOn: string;
  due: boolean;
  expected: number;
  missing: { code: string; name: string; level: string }[];
}
export interface ScreeningReport {
  id: string;
  orgCode: string;
  orgName: string;
  period: string;
  dueOn: string;
  nothingFound: boolean;
  itemCount: number;
  items: ScreeningItem[];
  note: string | null;
  filedOn: string;
  filedBy: string;
  late: boolean;
  revision: number;
}

export interface HardCase {
  id: string;
  disputeId: string;
  disputeNumber: string;
  title: string;
  leadOfficial: string;
  leadOfficialTitle: string | null;
  handler: string;
  measures: string;
  deadline: string;
  state: HardCaseState;
  overdue: boolean;
  daysOverdue: number;
  progress: { at: string; by: string; note: string; changes?: Record<string, string> }[];
  outcome: HardCaseOutcome | null;
  result: string | null;
  closedAt: string | null;
  designatedAt: string;
  designatedBy: string;
  revision: number;
}

export interface MeetingSummary {
  id: string;
  title: string;
  heldOn: string;
  state: MeetingState;
  orgCode: string;
}
export interface Decision {
  id: string;
  meetingId: string;
  number: string;
  matter: string;
  matterDetail: string | null;
  requirements: string[];
  hardCaseId: string | null;
  recipientOrgCode: string;
  recipientName: string;
  issuerName: string;
  dueOn: string;
  issuedOn: string;
  state: 'issued' | 'answered';
  outcome: DecisionOutcome;
  outcomeZh: string;
  reply: { content: string; handler: string | null; head: string | null; answeredOn: string | null } | null;
}
export interface Meeting extends MeetingSummary {
  previousMeetingId: string | null;
  agenda: MeetingAgenda;
  attendees: { name: string; unit: string; title?: string }[];
  minutes: string | null;
  preparedBy: string;
  recordedBy: string | null;
  revision: number;
  decisions: Decision[];
}

export type RuleRecord = EscalationRule & { version: number; updatedAt: string; updatedBy: string };
export interface RulesView {
  countyCode: string;
  mayEdit: boolean;
  rules: RuleRecord[];
  settings: EscalationSettings & { version: number };
}
export interface FlagRecord {
  id: string;
  disputeId: string;
  disputeNumber: string;
  disputeTitle: string;
  trigger: string;
  evaluatedAt: string;
  score: number;
  grade: EscalationGrade;
  routeToPolice: boolean;
  flags: (EscalationFlag & { ruleVersion: number })[];
  state: EscalationFlagState;
  current: boolean;
  handledAt: string | null;
  handledBy: string | null;
  note: string | null;
  policeUnit: string | null;
  allowedActions: ActOnEscalation['action'][];
}
export interface KeyPersonRecord {
  id: string;
  name: string;
  idNumber: string;
  category: KeyPersonCategory;
  orgCode: string;
  active: boolean;
  note: string | null;
}

const q = <T,>(path: string, query: Record<string, string | number | boolean | undefined>, enabled = true) => ({
  queryKey: [...oversightKey, path, query],
  queryFn: ({ signal }: { signal: AbortSignal }) =>
    apiGet<T>(`${base}${path}`, Object.fromEntries(Object.entries(query).map(([k, v]) => [k, v === undefined ? undefined : String(v)])), signal),
  enabled,
});

export const useScreeningSummary = (orgCode: string | undefined, period: string) =>
  useQuery(q<ScreeningSummary>('/screening/summary', { orgCode, period }, Boolean(orgCode)));
export const useMissingScreenings = (orgCode: string | undefined, period: string) =>
  useQuery(q<MissingScreenings>('/screening/missing', { orgCode, period }, Boolean(orgCode)));
export const useScreeningReports = (orgCode: string | undefined, period: string) =>
  useQuery(q<{ items: ScreeningReport[] }>('/screening/reports', { orgCode, period }, Boolean(orgCode)));
export const useHardCases = (orgCode: string | undefined, filter: { state?: HardCaseState; overdue?: boolean } = {}) =>
  useQuery(q<{ items: HardCase[]; total: number; overdue: number }>('/hard-cases', { orgCode, ...filter }, Boolean(orgCode)));
export const useMeetings = (orgCode: string | undefined) => useQuery(q<{ items: MeetingSummary[] }>('/meetings', { orgCode }, Boolean(orgCode)));
export const useMeeting = (id: string | undefined) => useQuery(q<Meeting>(`/meetings/${id ?? ''}`, {}, Boolean(id)));
export const useDecisions = (orgCode: string | undefined, state?: 'issued' | 'answered') =>
  useQuery(q<{ items: Decision[] }>('/decisions', { orgCode, state }, Boolean(orgCode)));
export const useEscalationRules = () => useQuery(q<RulesView>('/escalation/rules', {}));
export const useEscalationFlags = (orgCode: string | undefined, state?: EscalationFlagState) =>
  useQuery(q<{ items: FlagRecord[]; units: { code: string; name: string; open: number; high: number }[] }>('/escalation/flags', { orgCode, state }, Boolean(orgCode)));
export const useKeyPersons = (orgCode: string | undefined) => useQuery(q<{ items: KeyPersonRecord[] }>('/escalation/key-persons', { orgCode }, Boolean(orgCode)));

/** Every change refetches the whole oversight area: a report, a hard case or an answer shows in several views. */
function useOversightMutation<I, O>(send: (input: I) => Promise<O>) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: send, onSettled: () => queryClient.invalidateQueries({ queryKey: oversightKey }) });
}
const post = <O,>(path: string, body: unknown, method: 'POST' | 'PUT' | 'DELETE' = 'POST') => apiRequest<O>(`${base}${path}`, { method, body });

export const useFileScreening = () => useOversightMutation((body: FileScreening) => post<{ id: string; late: boolean; amended: boolean }>('/screening/reports', body));
export const useProgressHardCase = (id: string) => useOversightMutation((body: HardCaseProgress) => post<unknown>(`/hard-cases/${id}/progress`, body));
export const useCloseHardCase = (id: string) => useOversightMutation((body: CloseHardCase) => post<unknown>(`/hard-cases/${id}/close`, body));
export const usePrepareMeeting = () => useOversightMutation((body: PrepareMeeting) => post<{ id: string }>('/meetings', body));
export const useRecordMeeting = (id: string) =>
  useOversightMutation((body: RecordMeeting) => post<{ id: string; decisions: { id: string; number: string }[] }>(`/meetings/${id}/record`, body));
export const useAnswerDecision = (id: string) => useOversightMutation((body: AnswerDecision) => post<{ late: boolean }>(`/decisions/${id}/answer`, body));
export const useSaveRule = (code: string | null) =>
  useOversightMutation((body: EscalationRule | (Omit<EscalationRule, 'code'> & { version: number })) =>
    code ? post<{ version: number }>(`/escalation/rules/${encodeURIComponent(code)}`, body, 'PUT') : post<{ version: number }>('/escalation/rules', body),
  );
export const useDeleteRule = () => useOversightMutation((code: string) => post<unknown>(`/escalation/rules/${encodeURIComponent(code)}`, undefined, 'DELETE'));
export const useSaveSettings = () => useOversightMutation((body: EscalationSettings & { version: number }) => post<unknown>('/escalation/settings', body, 'PUT'));
export const useActOnFlag = (id: string) => useOversightMutation((body: ActOnEscalation) => post<unknown>(`/escalation/flags/${id}/actions`, body));
export const useAddKeyPerson = () => useOversightMutation((body: AddKeyPerson) => post<{ id: string }>('/escalation/key-persons', body));

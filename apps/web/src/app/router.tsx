import { lazy, Suspense, type ComponentType, type ReactNode } from 'react';
import { createBrowserRouter, Navigate } from 'react-router';
import type { Capability } from '@shizhi/domain';
import { LoadingBlock, NotFoundResult } from '../components/page-states.tsx';
import { LoginPage } from '../features/auth/login-page.tsx';
import { WorkbenchLayout } from '../features/shell/workbench-layout.tsx';
import { RequireAuth, RequireCapability } from './guards.tsx';

/** Pages load as separate chunks; the map page alone brings Leaflet. */
function lazyPage<K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K) {
  return lazy(async () => ({ default: (await load())[name] }));
}

const WorkbenchHomePage = lazyPage(() => import('../features/workbench/workbench-home-page.tsx'), 'WorkbenchHomePage');
const OrgPage = lazyPage(() => import('../features/org/org-page.tsx'), 'OrgPage');
const GridMapPage = lazyPage(() => import('../features/map/grid-map-page.tsx'), 'GridMapPage');
const UsersPage = lazyPage(() => import('../features/users/users-page.tsx'), 'UsersPage');
const AuditPage = lazyPage(() => import('../features/audit/audit-page.tsx'), 'AuditPage');
const EventsPage = lazyPage(() => import('../features/events/events-page.tsx'), 'EventsPage');
const EventDetailPage = lazyPage(() => import('../features/events/event-detail-page.tsx'), 'EventDetailPage');
const HotlineReportPage = lazyPage(() => import('../features/events/hotline-report-page.tsx'), 'HotlineReportPage');
const ScorecardsPage = lazyPage(() => import('../features/scorecards/scorecards-page.tsx'), 'ScorecardsPage');
const CategoriesPage = lazyPage(() => import('../features/categories/categories-page.tsx'), 'CategoriesPage');
const DisputesPage = lazyPage(() => import('../features/disputes/disputes-page.tsx'), 'DisputesPage');
const DisputeRegisterPage = lazyPage(() => import('../features/disputes/dispute-register-page.tsx'), 'DisputeRegisterPage');
const DisputeDetailPage = lazyPage(() => import('../features/disputes/dispute-detail-page.tsx'), 'DisputeDetailPage');
const DisputeFiguresPage = lazyPage(() => import('../features/disputes/dispute-figures-page.tsx'), 'DisputeFiguresPage');
const DisputeApplyPage = lazyPage(() => import('../features/disputes/dispute-public-pages.tsx'), 'DisputeApplyPage');
const DisputeTrackPage = lazyPage(() => import('../features/disputes/dispute-public-pages.tsx'), 'DisputeTrackPage');
const ScreeningPage = lazyPage(() => import('../features/dispute-oversight/screening-page.tsx'), 'ScreeningPage');
const HardCasesPage = lazyPage(() => import('../features/dispute-oversight/hard-cases-page.tsx'), 'HardCasesPage');
const MeetingsPage = lazyPage(() => import('../features/dispute-oversight/meetings-page.tsx'), 'MeetingsPage');
const MeetingDetailPage = lazyPage(() => import('../features/dispute-oversight/meeting-detail-page.tsx'), 'MeetingDetailPage');
const WarningsPage = lazyPage(() => import('../features/dispute-oversight/warnings-page.tsx'), 'WarningsPage');
const PeoplePage = lazyPage(() => import('../features/registers/people-page.tsx'), 'PeoplePage');
const PersonPage = lazyPage(() => import('../features/registers/person-page.tsx'), 'PersonPage');
const PersonFormPage = lazyPage(() => import('../features/registers/person-form-page.tsx'), 'PersonFormPage');
const HousesPage = lazyPage(() => import('../features/registers/houses-page.tsx'), 'HousesPage');
const HousePage = lazyPage(() => import('../features/registers/house-page.tsx'), 'HousePage');
const HouseFormPage = lazyPage(() => import('../features/registers/house-form-page.tsx'), 'HouseFormPage');
const OrganisationsPage = lazyPage(() => import('../features/registers/organisations-page.tsx'), 'OrganisationsPage');
const OrganisationPage = lazyPage(() => import('../features/registers/organisation-page.tsx'), 'OrganisationPage');
const OrganisationFormPage = lazyPage(() => import('../features/registers/organisation-form-page.tsx'), 'OrganisationFormPage');
const AddressesPage = lazyPage(() => import('../features/registers/addresses-page.tsx'), 'AddressesPage');
const ImportPage = lazyPage(() => import('../features/registers/import-page.tsx'), 'ImportPage');
const QualityPage = lazyPage(() => import('../features/registers/quality-page.tsx'), 'QualityPage');
const MobileApp = lazyPage(() => import('../features/mobile/mobile-app.tsx'), 'MobileApp');
const CitizenReportPage = lazyPage(() => import('../features/citizen/citizen-report-page.tsx'), 'CitizenReportPage');
const CitizenTrackPage = lazyPage(() => import('../features/citizen/citizen-track-page.tsx'), 'CitizenTrackPage');

function page(capability: Capability, element: ReactNode, fallbackHeight: number | string = 320) {
  return (
    <RequireCapability capability={capability}>
      <Suspense fallback={<LoadingBlock minHeight={fallbackHeight} />}>{element}</Suspense>
    </RequireCapability>
  );
}

function publicPage(element: ReactNode) {
  return <Suspense fallback={<LoadingBlock minHeight="100vh" />}>{element}</Suspense>;
}

export function createAppRouter() {
  return createBrowserRouter([
    { path: '/login', element: <LoginPage /> },
    // Citizens (群众随手拍, 进度查询) need no account.
    { path: '/c', element: <Navigate to="/c/report" replace /> },
    { path: '/c/report', element: publicPage(<CitizenReportPage />) },
    { path: '/c/track', element: publicPage(<CitizenTrackPage />) },
    // A party applies for mediation and follows it (网上申请调解).
    { path: '/c/mediation', element: publicPage(<DisputeApplyPage />) },
    { path: '/c/mediation/track', element: publicPage(<DisputeTrackPage />) },
    {
      path: '/m/*',
      element: <RequireAuth>{page('mobile.view', <MobileApp />, '100vh')}</RequireAuth>,
    },
    {
      path: '/',
      element: (
        <RequireAuth>
          <WorkbenchLayout />
        </RequireAuth>
      ),
      children: [
        { index: true, element: page('workbench.view', <WorkbenchHomePage />) },
        { path: 'org', element: page('org.view', <OrgPage />) },
        { path: 'org/:code', element: page('org.view', <OrgPage />) },
        { path: 'map', element: page('map.view', <GridMapPage />) },
        { path: 'map/:code', element: page('map.view', <GridMapPage />) },
        { path: 'users', element: page('users.manage', <UsersPage />) },
        { path: 'audit', element: page('audit.view', <AuditPage />) },
        { path: 'events', element: page('events.view', <EventsPage />) },
        { path: 'events/new', element: page('events.report', <HotlineReportPage />) },
        { path: 'events/:id', element: page('events.view', <EventDetailPage />) },
        { path: 'disputes', element: page('disputes.view', <DisputesPage />) },
        { path: 'disputes/new', element: page('disputes.register', <DisputeRegisterPage />) },
        { path: 'disputes/figures', element: page('disputes.view', <DisputeFiguresPage />) },
        { path: 'disputes/:id', element: page('disputes.view', <DisputeDetailPage />) },
        // 矛调督导: 排查, 四定四包, 联席会议, 民转刑预警 (docs/dispute-oversight-guide.md).
        { path: 'oversight/screening', element: page('disputes.view', <ScreeningPage />) },
        { path: 'oversight/hard-cases', element: page('disputes.view', <HardCasesPage />) },
        { path: 'oversight/meetings', element: page('disputes.view', <MeetingsPage />) },
        { path: 'oversight/meetings/:id', element: page('disputes.view', <MeetingDetailPage />) },
        { path: 'oversight/warnings', element: page('disputes.view', <WarningsPage />) },
        // 一标三实 registers; /registers/imports and /registers/quality are the import feature's pages.
        { path: 'registers', element: <Navigate to="/registers/people" replace /> },
        { path: 'registers/people', element: page('registers.view', <PeoplePage />) },
        { path: 'registers/people/new', element: page('registers.edit', <PersonFormPage />) },
        { path: 'registers/people/:id', element: page('registers.view', <PersonPage />) },
        { path: 'registers/people/:id/edit', element: page('registers.edit', <PersonFormPage />) },
        { path: 'registers/houses', element: page('registers.view', <HousesPage />) },
        { path: 'registers/houses/new', element: page('registers.edit', <HouseFormPage />) },
        { path: 'registers/houses/:id', element: page('registers.view', <HousePage />) },
        { path: 'registers/houses/:id/edit', element: page('registers.edit', <HouseFormPage />) },
        { path: 'registers/organisations', element: page('registers.view', <OrganisationsPage />) },
        { path: 'registers/organisations/new', element: page('registers.edit', <OrganisationFormPage />) },
        { path: 'registers/organisations/:id', element: page('registers.view', <OrganisationPage />) },
        { path: 'registers/organisations/:id/edit', element: page('registers.edit', <OrganisationFormPage />) },
        { path: 'registers/addresses', element: page('registers.view', <AddressesPage />) },
        { path: 'registers/imports', element: page('registers.import', <ImportPage />) },
        { path: 'registers/quality', element: page('registers.view', <QualityPage />) },
        { path: 'scorecards', element: page('events.view', <ScorecardsPage />) },
        // The page itself checks the sys_admin role, as the API does on PUT.
        { path: 'settings/categories', element: page('users.manage', <CategoriesPage />) },
        { path: '*', element: <NotFoundResult /> },
      ],
    },
  ]);
}

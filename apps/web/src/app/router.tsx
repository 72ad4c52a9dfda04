import { lazy, Suspense, type ComponentType, type ReactNode } from 'react';
import { createBrowserRouter } from 'react-router';
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
const MyGridPage = lazyPage(() => import('../features/mobile/my-grid-page.tsx'), 'MyGridPage');

function page(capability: Capability, element: ReactNode, fallbackHeight: number | string = 320) {
  return (
    <RequireCapability capability={capability}>
      <Suspense fallback={<LoadingBlock minHeight={fallbackHeight} />}>{element}</Suspense>
    </RequireCapability>
  );
}

export function createAppRouter() {
  return createBrowserRouter([
    { path: '/login', element: <LoginPage /> },
    {
      path: '/m',
      element: <RequireAuth>{page('mobile.view', <MyGridPage />, '100vh')}</RequireAuth>,
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
        { path: '*', element: <NotFoundResult /> },
      ],
    },
  ]);
}

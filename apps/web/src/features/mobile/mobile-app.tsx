import { useEffect } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { Navigate, Route, Routes } from 'react-router';
import { useLiveWarnings } from '../../components/live-warnings.tsx';
import { eventsQueryKey } from '../../lib/events-api.ts';
import { useMe } from '../../lib/session.ts';
import { MyGridPage } from './my-grid-page.tsx';
import { outboxFor } from './outbox.ts';
import { MobilePeoplePage, MobilePersonPage } from './people-page.tsx';
import { MobileReportPage } from './report-page.tsx';
import { MobileScreeningPage } from './screening-page.tsx';
import { MobileTaskPage } from './task-page.tsx';
import { MobileTasksPage } from './tasks-page.tsx';
import './mobile.css';

const mobileEventPath = (id: string) => `/m/tasks/${id}`;

/**
 * The grid worker's phone pages in one chunk, so that once /m has loaded the worker can move
 * between them (and queue reports) with no network at all.
 */
export function MobileApp() {
  const me = useMe().data;
  const queryClient = useQueryClient();
  const userId = me?.user.id;
  useLiveWarnings({ eventPath: mobileEventPath, placement: 'top' });

  // The queue sends whatever waits as soon as any phone page is open.
  useEffect(() => {
    if (!userId) return;
    const outbox = outboxFor(userId);
    outbox.onSent = () => void queryClient.invalidateQueries({ queryKey: eventsQueryKey });
    const stop = outbox.start();
    return () => {
      outbox.onSent = null;
      stop();
    };
  }, [userId, queryClient]);

  return (
    <Routes>
      <Route index element={<MyGridPage />} />
      <Route path="report" element={<MobileReportPage />} />
      <Route path="tasks" element={<MobileTasksPage />} />
      <Route path="screening" element={<MobileScreeningPage />} />
      <Route path="tasks/:id" element={<MobileTaskPage />} />
      <Route path="people" element={<MobilePeoplePage />} />
      <Route path="people/:id" element={<MobilePersonPage />} />
      <Route path="*" element={<Navigate to="/m" replace />} />
    </Routes>
  );
}

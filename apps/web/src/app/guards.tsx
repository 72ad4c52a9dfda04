import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import type { Capability } from '@shizhi/domain';
import { ErrorBlock, ForbiddenResult, LoadingBlock } from '../components/page-states.tsx';
import { can, useMe } from '../lib/session.ts';

/** Renders its children only for a signed-in user; anyone else goes to /login and comes back after. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const me = useMe();
  const location = useLocation();
  if (me.isPending) return <LoadingBlock minHeight="100vh" />;
  if (me.isError) {
    return (
      <div className="full-page-center" style={{ padding: 24 }}>
        <ErrorBlock error={me.error} onRetry={() => void me.refetch()} />
      </div>
    );
  }
  if (!me.data) return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  return children;
}

export function RequireCapability({ capability, children }: { capability: Capability; children: ReactNode }) {
  const me = useMe();
  if (!me.data) return null;
  return can(me.data, capability) ? children : <ForbiddenResult />;
}

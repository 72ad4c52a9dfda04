import { useEffect, useMemo, useState } from 'react';
import { Card, Col, Empty, Row, Tabs } from 'antd';
import { Navigate, useNavigate, useParams } from 'react-router';
import { ErrorBlock, LoadingBlock, NotFoundResult } from '../../components/page-states.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { useT } from '../../i18n/index.ts';
import { isApiError } from '../../lib/api-client.ts';
import { useFocusUnit, useOrgRoots, useOrgUnit } from '../../lib/org-queries.ts';
import type { OrgUnit } from '@shizhi/domain';
import { can, useMe } from '../../lib/session.ts';
import { belongsToTree, type OrgTreeMode } from '../../lib/use-org-children.ts';
import { useViewportHeight } from '../../lib/use-viewport-height.ts';
import { OrgDetail } from './org-detail.tsx';
import { OrgTree } from './org-tree.tsx';

export function OrgPage() {
  const t = useT();
  const { code } = useParams();
  const navigate = useNavigate();
  const me = useMe().data;
  const roots = useOrgRoots();
  const detail = useOrgUnit(code);
  const viewportHeight = useViewportHeight();
  const [tabChoice, setTabChoice] = useState<OrgTreeMode | undefined>(undefined);

  useEffect(() => setTabChoice(undefined), [code]);

  const territoryRoots = useMemo(() => roots.data?.roots.filter((u) => belongsToTree(u, 'territory')) ?? [], [roots.data]);
  const departmentRoots = useMemo(
    () => roots.data?.roots.filter((u) => belongsToTree(u, 'departments')) ?? [],
    [roots.data],
  );
  const pathToSelected = useMemo(
    () => detail.data?.ancestors.map((a) => a.code).filter((c) => c !== code) ?? [],
    [detail.data, code],
  );

  if (roots.isPending) return <LoadingBlock />;
  if (roots.isError) return <ErrorBlock error={roots.error} onRetry={() => void roots.refetch()} />;
  const first = territoryRoots[0] ?? departmentRoots[0];
  if (!code && first) return <DefaultUnitRedirect root={first} />;

  // Department codes read <county>D<nn> (see orgCodeSchema), so the tab is known before the unit loads.
  const isDepartmentCode = code ? code.includes('D') : false;
  const derivedTab: OrgTreeMode = isDepartmentCode || territoryRoots.length === 0 ? 'departments' : 'territory';
  const tab = tabChoice ?? derivedTab;
  const treeHeight = Math.max(360, viewportHeight - 250);
  const select = (next: string) => void navigate(`/org/${next}`);

  const tabs = [
    ...(territoryRoots.length
      ? [
          {
            key: 'territory',
            label: t('org.tab.territory'),
            children: (
              <OrgTree
                mode="territory"
                roots={territoryRoots}
                selectedCode={isDepartmentCode ? undefined : code}
                pathToSelected={isDepartmentCode ? [] : pathToSelected}
                onSelect={select}
                height={treeHeight}
              />
            ),
          },
        ]
      : []),
    ...(departmentRoots.length
      ? [
          {
            key: 'departments',
            label: t('org.tab.departments'),
            children: (
              <OrgTree
                mode="departments"
                roots={departmentRoots}
                selectedCode={isDepartmentCode ? code : undefined}
                pathToSelected={isDepartmentCode ? pathToSelected : []}
                onSelect={select}
                height={treeHeight}
              />
            ),
          },
        ]
      : []),
  ];

  return (
    <div data-testid="org-page">
      <PageHeader title={t('menu.org')} />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={9} xl={8} xxl={7}>
          <Card styles={{ body: { padding: '4px 12px 12px' } }}>
            <Tabs
              activeKey={tab}
              onChange={(key) => setTabChoice(key as OrgTreeMode)}
              items={tabs}
              data-testid="org-tabs"
            />
          </Card>
        </Col>
        <Col xs={24} lg={15} xl={16} xxl={17}>
          {detail.isPending && code ? (
            <Card>
              <LoadingBlock />
            </Card>
          ) : detail.isError ? (
            isApiError(detail.error) && detail.error.status === 404 ? (
              <Card>
                <NotFoundResult detail={detail.error.message} />
              </Card>
            ) : (
              <ErrorBlock error={detail.error} onRetry={() => void detail.refetch()} />
            )
          ) : detail.data ? (
            <OrgDetail detail={detail.data} canOpenMap={me ? can(me, 'map.view') : false} />
          ) : (
            <Card>
              <Empty description={t('org.selectHint')} />
            </Card>
          )}
        </Col>
      </Row>
    </div>
  );
}

function DefaultUnitRedirect({ root }: { root: OrgUnit }) {
  const focus = useFocusUnit(root);
  if (focus.pending) return <LoadingBlock />;
  return <Navigate to={`/org/${(focus.unit ?? root).code}`} replace />;
}

import { useMemo, useState } from 'react';
import { Alert, Button, Card, Cascader, Col, Flex, Form, Input, Result, Row, Segmented, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import type { ReportEvent } from '@shizhi/domain';
import { EventLocationMap, type MapPoint } from '../../components/event-location-map.tsx';
import { Icon } from '../../components/icon.tsx';
import { OrgTreeSelect } from '../../components/org-tree-select.tsx';
import { ErrorBlock, ForbiddenResult, LoadingBlock } from '../../components/page-states.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { useT } from '../../i18n/index.ts';
import { isApiError } from '../../lib/api-client.ts';
import { categoryTree } from '../../lib/event-categories.ts';
import { useEventCategories, useReportEvent, type ReportResult } from '../../lib/events-api.ts';
import { newIdempotencyKey } from '../../lib/idempotency-key.ts';
import { orgUnitQuery, useFocusUnit, useGridCollection, useOrgRoots } from '../../lib/org-queries.ts';
import { canFileHotline, useMe, usePublicConfig } from '../../lib/session.ts';
import { belongsToTree } from '../../lib/use-org-children.ts';
import './events.css';

type LocationMode = 'map' | 'org';

interface HotlineForm {
  category: string[];
  title?: string;
  description: string;
  point?: MapPoint;
  orgCode?: string;
  address?: string;
  reporterName?: string;
  reporterPhone?: string;
}

/** 热线登记: an operator files what a caller reports, placing it on the map or in a community/grid. */
export function HotlineReportPage() {
  const me = useMe().data;
  if (me && !canFileHotline(me)) return <ForbiddenResult />;
  return <HotlineReport />;
}

function HotlineReport() {
  const t = useT();
  const [form] = Form.useForm<HotlineForm>();
  const queryClient = useQueryClient();
  const categories = useEventCategories();
  const report = useReportEvent();
  const [mode, setMode] = useState<LocationMode>('map');
  // One key per report: a retry after a lost answer files nothing new. A new key only after success.
  const [key, setKey] = useState(newIdempotencyKey);
  const [done, setDone] = useState<ReportResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const options = useMemo(() => categoryTree(categories.data?.items ?? []), [categories.data]);

  const submit = (values: HotlineForm) => {
    setError(null);
    const body: ReportEvent = {
      categoryCode: values.category.at(-1) ?? '',
      description: values.description.trim(),
      ...(values.title?.trim() ? { title: values.title.trim() } : {}),
      location: {
        ...(mode === 'map' && values.point ? { lng: values.point.lng, lat: values.point.lat } : {}),
        ...(mode === 'org' && values.orgCode ? { orgCode: values.orgCode } : {}),
        ...(values.address?.trim() ? { address: values.address.trim() } : {}),
      },
      ...(values.reporterName?.trim() || values.reporterPhone?.trim()
        ? {
            reporter: {
              ...(values.reporterName?.trim() ? { name: values.reporterName.trim() } : {}),
              ...(values.reporterPhone?.trim() ? { phone: values.reporterPhone.trim() } : {}),
            },
          }
        : {}),
    };
    report.mutate(
      { body, key },
      {
        onSuccess: (result) => setDone(result),
        onError: (cause) => {
          if (isApiError(cause) && cause.field === 'location') {
            form.setFields([{ name: mode === 'map' ? 'point' : 'orgCode', errors: [cause.message] }]);
          } else if (isApiError(cause) && cause.field === 'categoryCode') {
            form.setFields([{ name: 'category', errors: [cause.message] }]);
          } else {
            setError(cause.message);
          }
        },
      },
    );
  };

  const startOver = () => {
    form.resetFields();
    setDone(null);
    setError(null);
    setKey(newIdempotencyKey());
  };

  if (done) {
    return (
      <div data-testid="hotline-page">
        <PageHeader title={t('menu.hotline')} />
        <Card data-testid="report-result">
          <Result
            status="success"
            title={done.replayed ? t('report.replayed') : t('report.done')}
            subTitle={t('report.doneHint')}
            extra={
              <Flex vertical align="center" gap={16}>
                <Flex gap={32} wrap justify="center">
                  <div>
                    <Typography.Text type="secondary">{t('events.number')}</Typography.Text>
                    <div className="hl-done-code" data-testid="report-number">
                      {done.number}
                    </div>
                  </div>
                  <div>
                    <Typography.Text type="secondary">{t('events.trackingCode')}</Typography.Text>
                    <div className="hl-done-code">
                      <Typography.Text copyable={{ text: done.trackingCode }} data-testid="report-tracking-code" className="hl-done-code">
                        {done.trackingCode}
                      </Typography.Text>
                    </div>
                  </div>
                </Flex>
                <Typography.Text type="secondary">{t('report.trackingHint')}</Typography.Text>
                <Flex gap={8}>
                  <Link to={`/events/${done.id}`}>
                    <Button type="primary" data-testid="report-open">
                      {t('report.open')}
                    </Button>
                  </Link>
                  <Button onClick={startOver} data-testid="report-again">
                    {t('report.again')}
                  </Button>
                </Flex>
              </Flex>
            }
          />
        </Card>
      </div>
    );
  }

  return (
    <div data-testid="hotline-page">
      <PageHeader title={t('menu.hotline')} subtitle={t('report.subtitle')} />
      <Card>
        {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="report-error" /> : null}
        <Form<HotlineForm>
          form={form}
          layout="vertical"
          onFinish={submit}
          data-testid="report-form"
          scrollToFirstError
        >
          <Row gutter={24}>
            <Col xs={24} lg={11}>
              <Form.Item
                name="category"
                label={t('report.category')}
                rules={[
                  { required: true, message: t('report.categoryRequired') },
                  {
                    validator: async (_r, value: string[] | undefined) => {
                      if (value && value.length > 0 && value.length < 2) throw new Error(t('report.categoryLeaf'));
                    },
                  },
                ]}
              >
                <Cascader
                  data-testid="report-category"
                  options={options}
                  placeholder={t('report.categoryPlaceholder')}
                  showSearch
                  loading={categories.isLoading}
                  expandTrigger="hover"
                />
              </Form.Item>
              {categories.isError ? <ErrorBlock error={categories.error} onRetry={() => void categories.refetch()} /> : null}
              <Form.Item name="title" label={t('report.title')}>
                <Input maxLength={100} placeholder={t('report.titlePlaceholder')} data-testid="report-title" />
              </Form.Item>
              <Form.Item
                name="description"
                label={t('report.description')}
                rules={[
                  { required: true, whitespace: true, message: t('report.descriptionRequired') },
                  { min: 2, message: t('report.descriptionRequired') },
                ]}
              >
                <Input.TextArea
                  rows={5}
                  maxLength={4000}
                  showCount
                  placeholder={t('report.descriptionPlaceholder')}
                  data-testid="report-description"
                />
              </Form.Item>
              <Form.Item name="address" label={t('common.address')}>
                <Input maxLength={200} placeholder={t('report.addressPlaceholder')} data-testid="report-address" />
              </Form.Item>
              <Row gutter={12}>
                <Col xs={24} sm={12}>
                  <Form.Item name="reporterName" label={t('report.callerName')}>
                    <Input maxLength={50} data-testid="report-caller-name" />
                  </Form.Item>
                </Col>
                <Col xs={24} sm={12}>
                  <Form.Item
                    name="reporterPhone"
                    label={t('report.callerPhone')}
                    rules={[{ pattern: /^1\d{10}$/, message: t('report.phoneInvalid') }]}
                  >
                    <Input maxLength={11} inputMode="tel" data-testid="report-caller-phone" />
                  </Form.Item>
                </Col>
              </Row>
            </Col>
            <Col xs={24} lg={13}>
              <Form.Item label={t('report.location')} required style={{ marginBottom: 8 }}>
                <Segmented<LocationMode>
                  data-testid="report-location-mode"
                  value={mode}
                  onChange={(next) => {
                    setMode(next);
                    form.setFields([
                      { name: 'point', errors: [] },
                      { name: 'orgCode', errors: [] },
                    ]);
                  }}
                  options={[
                    { value: 'map', label: t('report.locationMap') },
                    { value: 'org', label: t('report.locationOrg') },
                  ]}
                />
              </Form.Item>
              {mode === 'map' ? (
                <Form.Item name="point" rules={[{ required: true, message: t('report.pointRequired') }]}>
                  <PointPicker />
                </Form.Item>
              ) : (
                <Form.Item
                  name="orgCode"
                  extra={t('report.orgHint')}
                  rules={[
                    { required: true, message: t('report.orgRequired') },
                    {
                      validator: async (_r, code: string | undefined) => {
                        if (!code) return;
                        const unit = await queryClient.fetchQuery(orgUnitQuery(code));
                        if (unit.unit.level !== 'grid' && unit.unit.level !== 'village') throw new Error(t('report.orgLevel'));
                      },
                    },
                  ]}
                >
                  <OrgFieldSelect />
                </Form.Item>
              )}
            </Col>
          </Row>
          <Flex justify="flex-end" gap={8}>
            <Button onClick={() => form.resetFields()}>{t('report.reset')}</Button>
            <Button type="primary" htmlType="submit" loading={report.isPending} data-testid="report-submit" icon={<Icon name="send" />}>
              {t('report.submit')}
            </Button>
          </Flex>
        </Form>
      </Card>
    </div>
  );
}

/** The unit the operator works for, as a map of its grids to click in. */
function PointPicker({ value, onChange }: { value?: MapPoint; onChange?: (point: MapPoint) => void }) {
  const t = useT();
  const roots = useOrgRoots();
  const config = usePublicConfig();
  const root = roots.data?.roots.find((u) => belongsToTree(u, 'territory'));
  const focus = useFocusUnit(root);
  const grids = useGridCollection(focus.unit?.code);
  if (roots.isPending || focus.pending || grids.isPending) return <LoadingBlock minHeight={360} />;
  if (grids.isError) return <ErrorBlock error={grids.error} onRetry={() => void grids.refetch()} />;
  return (
    <div data-testid="report-point-picker">
      <EventLocationMap
        collection={grids.data}
        point={value ?? null}
        onPick={(point) => onChange?.(point)}
        hint={t('report.pickHint')}
        tileUrl={config.data?.mapTileUrl ?? null}
        height={380}
        testId="report-map"
      />
      <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block', marginTop: 6 }} data-testid="report-point">
        {value ? t('report.pointAt', { lng: value.lng.toFixed(6), lat: value.lat.toFixed(6) }) : t('report.pointNone')}
      </Typography.Text>
    </div>
  );
}

function OrgFieldSelect({ value, onChange }: { value?: string; onChange?: (code: string | undefined) => void }) {
  const t = useT();
  return (
    <OrgTreeSelect
      testId="report-org"
      value={value}
      onChange={(code) => onChange?.(code)}
      placeholder={t('report.orgPlaceholder')}
      allowClear
      style={{ width: '100%' }}
    />
  );
}

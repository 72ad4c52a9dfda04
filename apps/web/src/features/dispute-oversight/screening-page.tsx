import { useState } from 'react';
import { Alert, App, Button, Card, Checkbox, Col, Flex, Form, Input, InputNumber, Modal, Row, Select, Table, Tag, Typography } from 'antd';
import { disputeTypes, type FileScreening, type ScreeningItem } from '@shizhi/domain';
import { Icon } from '../../components/icon.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { ErrorBlock, LoadingBlock } from '../../components/page-states.tsx';
import { OrgTreeSelect } from '../../components/org-tree-select.tsx';
import { useLabel, useT } from '../../i18n/index.ts';
import { PeriodPicker, currentPeriod, recentPeriods, useScopeUnit, UnitPicker } from './oversight-common.tsx';
import { useFileScreening, useMissingScreenings, useScreeningReports, useScreeningSummary, type ScreeningCounts } from './oversight-api.ts';
import './oversight.css';

/** 排查: who under a unit has filed the month's screening, what they found, and who is missing. */
export function ScreeningPage() {
  const t = useT();
  const [orgCode, setOrgCode] = useScopeUnit();
  const [period, setPeriod] = useState(currentPeriod());
  const [filing, setFiling] = useState(false);
  const summary = useScreeningSummary(orgCode, period);
  const missing = useMissingScreenings(orgCode, period);
  const reports = useScreeningReports(orgCode, period);

  return (
    <div data-testid="screening-page" data-ready={summary.isSuccess && missing.isSuccess ? 'true' : 'false'}>
      <PageHeader
        title={t('ov.screening.title')}
        subtitle={t('ov.screening.subtitle')}
        extra={
          <Button type="primary" icon={<Icon name="form" />} onClick={() => setFiling(true)} data-testid="screening-file">
            {t('ov.screening.file')}
          </Button>
        }
      />
      <Flex gap={8} wrap className="ov-toolbar">
        <UnitPicker value={orgCode} onChange={setOrgCode} />
        <PeriodPicker value={period} onChange={setPeriod} />
      </Flex>
      {summary.isPending || missing.isPending ? (
        <LoadingBlock />
      ) : summary.isError ? (
        <ErrorBlock error={summary.error} onRetry={() => void summary.refetch()} />
      ) : missing.isError ? (
        <ErrorBlock error={missing.error} onRetry={() => void missing.refetch()} />
      ) : (
        <Flex vertical gap={16}>
          <Row gutter={[12, 12]}>
            {(['expected', 'filed', 'filedLate', 'nilReports', 'items', 'missing'] as const).map((k) => (
              <Col key={k} xs={12} sm={8} lg={4}>
                <Card size="small">
                  <div className="ov-muted">{t(`ov.screening.count.${k}`)}</div>
                  <div className="ov-stat" data-testid={`screening-total-${k}`} style={k === 'missing' && summary.data.total.missing > 0 ? { color: '#cf1322' } : undefined}>
                    {summary.data.total[k]}
                  </div>
                </Card>
              </Col>
            ))}
          </Row>
          {missing.data.due ? (
            missing.data.missing.length > 0 ? (
              <div className="ov-missing" data-testid="screening-missing">
                <div className="ov-missing-title">
                  <Icon name="warning" /> {t('ov.screening.missingTitle', { n: missing.data.missing.length, due: missing.data.dueOn })}
                </div>
                <Flex gap={6} wrap>
                  {missing.data.missing.map((m) => (
                    <Tag key={m.code} color="red" data-testid={`screening-missing-${m.code}`} style={{ marginInlineEnd: 0 }}>
                      {m.name}
                    </Tag>
                  ))}
                </Flex>
              </div>
            ) : (
              <Alert type="success" showIcon title={t('ov.screening.noneMissing', { due: missing.data.dueOn })} data-testid="screening-none-missing" />
            )
          ) : (
            <Alert type="info" showIcon title={t('ov.screening.notDue', { due: missing.data.dueOn })} data-testid="screening-not-due" />
          )}
          <Card size="small" title={t('ov.screening.byUnit')}>
            <SummaryTable rows={summary.data.units} />
          </Card>
          <Card size="small" title={t('ov.screening.reports')}>
            {reports.isError ? (
              <ErrorBlock error={reports.error} />
            ) : (
              <Table
                size="small"
                rowKey="id"
                loading={reports.isPending}
                pagination={false}
                scroll={{ x: 720 }}
                dataSource={reports.data?.items ?? []}
                data-testid="screening-reports"
                columns={[
                  {
                    title: t('ov.unit'),
                    dataIndex: 'orgCode',
                    render: (v: string, r) => (
                      <span data-testid={`screening-report-${v}`}>
                        {r.orgName} <Typography.Text type="secondary" className="tabular">{v}</Typography.Text>
                      </span>
                    ),
                  },
                  { title: t('ov.screening.filedBy'), dataIndex: 'filedBy' },
                  { title: t('ov.screening.filedOn'), dataIndex: 'filedOn', render: (v: string) => <span className="tabular">{v}</span> },
                  {
                    title: t('ov.screening.result'),
                    key: 'result',
                    render: (_, r) => (r.nothingFound ? <Tag color="blue">{t('ov.screening.nil')}</Tag> : t('ov.screening.itemsN', { n: r.itemCount })),
                  },
                  { title: t('ov.screening.timely'), key: 'late', render: (_, r) => (r.late ? <Tag color="orange">{t('ov.screening.late')}</Tag> : <Tag color="green">{t('ov.screening.onTime')}</Tag>) },
                  {
                    title: t('ov.screening.itemsFound'),
                    key: 'items',
                    render: (_, r) => r.items.map((i) => i.title).join('；') || (r.note ?? ''),
                  },
                ]}
              />
            )}
          </Card>
        </Flex>
      )}
      {filing ? <FileScreeningModal defaultUnit={orgCode} defaultPeriod={period} onClose={() => setFiling(false)} /> : null}
    </div>
  );
}

function SummaryTable({ rows }: { rows: (ScreeningCounts & { code: string; name: string })[] }) {
  const t = useT();
  const num = (k: keyof ScreeningCounts) => ({ title: t(`ov.screening.count.${k}`), dataIndex: k, align: 'right' as const, render: (v: number) => <span className="tabular">{v}</span> });
  return (
    <Table
      size="small"
      rowKey="code"
      pagination={false}
      scroll={{ x: 720 }}
      dataSource={rows}
      data-testid="screening-summary"
      rowClassName={(r) => (r.missing > 0 ? 'ov-row-alert' : '')}
      columns={[
        { title: t('ov.unit'), dataIndex: 'name', render: (v: string, r) => <span data-testid={`screening-unit-${r.code}`} data-missing={r.missing}>{v}</span> },
        num('expected'),
        num('filed'),
        num('filedLate'),
        num('nilReports'),
        num('items'),
        { ...num('missing'), render: (v: number) => <span className="tabular" style={v > 0 ? { color: '#cf1322', fontWeight: 600 } : undefined}>{v}</span> },
        num('notDue'),
      ]}
    />
  );
}

type ItemForm = Omit<ScreeningItem, 'disputeId'>;

/** 排查报送 for a grid or community: the matters found, or an explicit 零报告 after a confirmation. */
function FileScreeningModal({ defaultUnit, defaultPeriod, onClose }: { defaultUnit: string | undefined; defaultPeriod: string; onClose: () => void }) {
  const t = useT();
  const label = useLabel();
  const { message, modal } = App.useApp();
  const [form] = Form.useForm<{ orgCode: string; period: string; nothingFound: boolean; items: ItemForm[]; note?: string }>();
  const nothingFound = Form.useWatch('nothingFound', form) ?? false;
  const file = useFileScreening();
  const [error, setError] = useState<string | null>(null);
  const send = async (body: FileScreening) => {
    try {
      const result = await file.mutateAsync(body);
      message.success(t(result.amended ? 'ov.screening.amended' : 'ov.screening.filed'));
      onClose();
    } catch (cause) {
      setError(cause instanceof Error ? cause.message : String(cause));
    }
  };
  const submit = async () => {
    const v = await form.validateFields();
    const body: FileScreening = { orgCode: v.orgCode, period: v.period, nothingFound: v.nothingFound, items: v.nothingFound ? [] : v.items, ...(v.note?.trim() ? { note: v.note.trim() } : {}) };
    if (!v.nothingFound) return send(body);
    modal.confirm({
      title: t('ov.screening.nilConfirmTitle'),
      content: t('ov.screening.nilConfirm', { y: v.period.slice(0, 4), m: Number(v.period.slice(5)) }),
      okButtonProps: { 'data-testid': 'screening-nil-confirm' },
      cancelText: t('common.cancel'),
      onOk: () => send(body),
    });
  };
  const need = [{ required: true, whitespace: true, message: t('ov.required') }];
  return (
    <Modal
      open
      width={720}
      title={t('ov.screening.file')}
      onCancel={onClose}
      onOk={() => void submit().catch(() => undefined)}
      okText={t('ov.screening.submit')}
      okButtonProps={{ loading: file.isPending, 'data-testid': 'screening-submit' }}
      cancelText={t('common.cancel')}
      destroyOnHidden
    >
      <div data-testid="screening-modal">
        {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} /> : null}
        <Form form={form} layout="vertical" initialValues={{ orgCode: defaultUnit, period: defaultPeriod, nothingFound: false, items: [{ peopleInvolved: 2, handling: 'in_progress' }] }}>
          <Flex gap={12} wrap>
            <Form.Item name="orgCode" label={t('ov.screening.filer')} rules={[{ required: true, message: t('ov.required') }]} extra={t('ov.screening.filerHint')}>
              <OrgTreeSelect value={undefined} onChange={() => undefined} style={{ width: 280 }} testId="screening-unit" />
            </Form.Item>
            <Form.Item name="period" label={t('ov.period')}>
              <Select style={{ width: 140 }} options={recentPeriods().map((p) => ({ value: p, label: t('ov.periodLabel', { y: p.slice(0, 4), m: Number(p.slice(5)) }) }))} />
            </Form.Item>
          </Flex>
          <Form.Item name="nothingFound" valuePropName="checked">
            <Checkbox data-testid="screening-nil">{t('ov.screening.nilCheck')}</Checkbox>
          </Form.Item>
          {nothingFound ? (
            <Alert type="info" showIcon title={t('ov.screening.nilHint')} style={{ marginBottom: 12 }} />
          ) : (
            <Form.List name="items">
              {(fields, { add, remove }) => (
                <Flex vertical gap={8} style={{ marginBottom: 12 }}>
                  {fields.map((f, i) => (
                    <div key={f.key} className="ov-box" data-testid={`screening-item-${i}`}>
                      <Flex gap={8} wrap>
                        <Form.Item name={[f.name, 'typeCode']} label={t('ov.screening.type')} rules={[{ required: true, message: t('ov.required') }]} style={{ minWidth: 200, flex: 1 }}>
                          <Select options={disputeTypes.map((d) => ({ value: d.code, label: label(d) }))} data-testid={`screening-item-${i}-type`} />
                        </Form.Item>
                        <Form.Item name={[f.name, 'title']} label={t('ov.screening.itemTitle')} rules={need} style={{ flex: 2, minWidth: 220 }}>
                          <Input maxLength={50} data-testid={`screening-item-${i}-title`} />
                        </Form.Item>
                      </Flex>
                      <Form.Item name={[f.name, 'summary']} label={t('ov.screening.itemSummary')} rules={need}>
                        <Input.TextArea rows={2} maxLength={1000} data-testid={`screening-item-${i}-summary`} />
                      </Form.Item>
                      <Flex gap={8} wrap align="flex-end">
                        <Form.Item name={[f.name, 'peopleInvolved']} label={t('ov.screening.people')} rules={[{ required: true, message: t('ov.required') }]}>
                          <InputNumber min={1} max={100000} precision={0} />
                        </Form.Item>
                        <Form.Item name={[f.name, 'address']} label={t('common.address')} style={{ flex: 1, minWidth: 180 }}>
                          <Input maxLength={100} />
                        </Form.Item>
                        <Form.Item name={[f.name, 'handling']} label={t('ov.screening.handling')}>
                          <Select style={{ width: 140 }} options={(['resolved', 'in_progress', 'referred'] as const).map((h) => ({ value: h, label: t(`ov.screening.handling.${h}`) }))} />
                        </Form.Item>
                        {fields.length > 1 ? (
                          <Form.Item>
                            <Button danger type="text" icon={<Icon name="delete" />} onClick={() => remove(f.name)} aria-label={t('ov.remove')} />
                          </Form.Item>
                        ) : null}
                      </Flex>
                    </div>
                  ))}
                  <Button icon={<Icon name="plus" />} onClick={() => add({ peopleInvolved: 2, handling: 'in_progress' })}>
                    {t('ov.screening.addItem')}
                  </Button>
                </Flex>
              )}
            </Form.List>
          )}
          <Form.Item name="note" label={t('ov.screening.note')}>
            <Input.TextArea rows={2} maxLength={1000} />
          </Form.Item>
        </Form>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('ov.screening.rule')}
        </Typography.Text>
      </div>
    </Modal>
  );
}

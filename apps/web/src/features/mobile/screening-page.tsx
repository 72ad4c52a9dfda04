import { useState } from 'react';
import { Alert, App, Button, Empty, Form, Input, InputNumber, Radio, Select, Tag } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { disputeTypes, screeningDueDate, type FileScreening, type ScreeningItem } from '@shizhi/domain';
import { H5Card, H5Page } from '../../components/h5-layout.tsx';
import { ErrorBlock, LoadingBlock } from '../../components/page-states.tsx';
import { useLabel, useT } from '../../i18n/index.ts';
import { apiGet, apiRequest } from '../../lib/api-client.ts';
import { useOrgRoots } from '../../lib/org-queries.ts';
import { chinaToday } from '../../lib/periods.ts';

interface FiledReport {
  id: string;
  orgCode: string;
  nothingFound: boolean;
  itemCount: number;
  items: ScreeningItem[];
  filedOn: string;
  filedBy: string;
  late: boolean;
  revision: number;
}

/** This month and the two before it ('YYYY-MM'), newest first: a late report is still a report. */
function periods(): string[] {
  const { year, month } = chinaToday();
  return [0, 1, 2].map((i) => {
    const m = year * 12 + month - 1 - i;
    return `${Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}`;
  });
}

type ItemValues = Omit<ScreeningItem, 'disputeId'>;

/** 排查报送 on the phone: the grid's monthly screening, a 零报告 in two taps or the matters found. */
export function MobileScreeningPage() {
  const t = useT();
  const label = useLabel();
  const { modal, message } = App.useApp();
  const queryClient = useQueryClient();
  const roots = useOrgRoots();
  const grids = roots.data?.roots.filter((u) => u.level === 'grid') ?? [];
  const [gridCode, setGridCode] = useState<string | undefined>();
  const grid = gridCode ?? grids[0]?.code;
  const [period, setPeriod] = useState(periods()[0]!);
  const [withItems, setWithItems] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [form] = Form.useForm<ItemValues>();
  const reportKey = ['dispute-oversight', '/screening/reports', { orgCode: grid, period }];
  const reports = useQuery({
    queryKey: reportKey,
    queryFn: ({ signal }) => apiGet<{ items: FiledReport[] }>('/dispute-oversight/screening/reports', { orgCode: grid, period }, signal),
    enabled: Boolean(grid),
  });
  const file = useMutation({
    mutationFn: (body: FileScreening) => apiRequest<{ late: boolean; amended: boolean }>('/dispute-oversight/screening/reports', { method: 'POST', body }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['dispute-oversight'] }),
  });
  const filed = reports.data?.items.find((r) => r.orgCode === grid) ?? null;
  const monthText = (p: string) => t('ov.periodLabel', { y: p.slice(0, 4), m: Number(p.slice(5)) });

  const send = async (body: FileScreening) => {
    setError(null);
    try {
      const result = await file.mutateAsync(body);
      message.success(t(result.amended ? 'ov.screening.amended' : 'ov.screening.filed'));
      setWithItems(false);
      form.resetFields();
    } catch (cause) {
      setError(cause instanceof Error ? cause.message : String(cause));
    }
  };
  const fileNil = () =>
    modal.confirm({
      title: t('ov.screening.nilConfirmTitle'),
      content: t('ov.screening.nilConfirm', { y: period.slice(0, 4), m: Number(period.slice(5)) }),
      okButtonProps: { 'data-testid': 'm-screening-nil-confirm' },
      cancelText: t('common.cancel'),
      onOk: () => send({ orgCode: grid!, period, nothingFound: true, items: [] }),
    });
  const fileItem = async () => {
    const v = await form.validateFields();
    const item: ScreeningItem = { ...v, title: v.title.trim(), summary: v.summary.trim(), ...(v.address?.trim() ? { address: v.address.trim() } : {}) };
    const earlier = filed && !filed.nothingFound ? filed.items : [];
    await send({ orgCode: grid!, period, nothingFound: false, items: [...earlier, item] });
  };

  return (
    <H5Page title={t('m.screening')} backTo="/m" testId="m-screening-page">
      {roots.isPending ? (
        <H5Card>
          <LoadingBlock minHeight={200} />
        </H5Card>
      ) : roots.isError ? (
        <ErrorBlock error={roots.error} onRetry={() => void roots.refetch()} />
      ) : !grid ? (
        <H5Card>
          <Empty description={t('mobile.noGrid')} />
        </H5Card>
      ) : (
        <>
          <H5Card title={t('m.screeningWhich')}>
            {grids.length > 1 ? (
              <Select value={grid} onChange={setGridCode} style={{ width: '100%', marginBottom: 8 }} options={grids.map((g) => ({ value: g.code, label: g.name }))} />
            ) : (
              <div style={{ fontWeight: 600, marginBottom: 8 }}>{grids[0]!.name}</div>
            )}
            <Radio.Group value={period} onChange={(e) => setPeriod(e.target.value as string)} optionType="button" buttonStyle="solid" data-testid="m-screening-period">
              {periods().map((p) => (
                <Radio.Button key={p} value={p} data-testid={`m-screening-period-${p}`}>
                  {monthText(p)}
                </Radio.Button>
              ))}
            </Radio.Group>
            <div className="h5-muted" style={{ marginTop: 8 }}>
              {t('m.screeningDue', { due: screeningDueDate(period) })}
            </div>
          </H5Card>

          <H5Card title={t('m.screeningStatus')} testId="m-screening-status">
            {reports.isPending ? (
              <LoadingBlock minHeight={60} />
            ) : filed ? (
              <div data-testid="m-screening-filed" data-nil={String(filed.nothingFound)} data-revision={filed.revision}>
                <Tag color={filed.nothingFound ? 'blue' : 'gold'}>{filed.nothingFound ? t('ov.screening.nil') : t('ov.screening.itemsN', { n: filed.itemCount })}</Tag>
                {filed.late ? <Tag color="orange">{t('ov.screening.late')}</Tag> : <Tag color="green">{t('ov.screening.onTime')}</Tag>}
                <div className="h5-muted" style={{ marginTop: 6 }}>
                  {t('m.screeningFiledBy', { by: filed.filedBy, on: filed.filedOn })}
                </div>
                {filed.items.map((i, n) => (
                  <div key={n} style={{ marginTop: 6, fontSize: 14 }}>
                    {n + 1}. {i.title}
                  </div>
                ))}
              </div>
            ) : (
              <Alert type="warning" showIcon title={t('m.screeningNotFiled')} data-testid="m-screening-not-filed" />
            )}
          </H5Card>

          {error ? <Alert type="error" showIcon title={error} /> : null}

          {withItems ? (
            <H5Card title={t('ov.screening.addItem')} testId="m-screening-item">
              <Form form={form} layout="vertical" initialValues={{ peopleInvolved: 2, handling: 'in_progress' }}>
                <Form.Item name="typeCode" label={t('ov.screening.type')} rules={[{ required: true, message: t('ov.required') }]}>
                  <Select options={disputeTypes.map((d) => ({ value: d.code, label: label(d) }))} data-testid="m-screening-type" />
                </Form.Item>
                <Form.Item name="title" label={t('ov.screening.itemTitle')} rules={[{ required: true, whitespace: true, message: t('ov.required') }]}>
                  <Input maxLength={50} data-testid="m-screening-title" />
                </Form.Item>
                <Form.Item name="summary" label={t('ov.screening.itemSummary')} rules={[{ required: true, whitespace: true, message: t('ov.required') }]}>
                  <Input.TextArea rows={3} maxLength={1000} data-testid="m-screening-summary" />
                </Form.Item>
                <Form.Item name="peopleInvolved" label={t('ov.screening.people')} rules={[{ required: true, message: t('ov.required') }]}>
                  <InputNumber min={1} max={100000} precision={0} inputMode="numeric" style={{ width: '100%' }} />
                </Form.Item>
                <Form.Item name="address" label={t('common.address')}>
                  <Input maxLength={100} />
                </Form.Item>
                <Form.Item name="handling" label={t('ov.screening.handling')}>
                  <Radio.Group optionType="button" options={(['resolved', 'in_progress', 'referred'] as const).map((h) => ({ value: h, label: t(`ov.screening.handling.${h}`) }))} />
                </Form.Item>
              </Form>
              <Button type="primary" block size="large" loading={file.isPending} onClick={() => void fileItem().catch(() => undefined)} data-testid="m-screening-submit-item">
                {t('m.screeningSubmitItem')}
              </Button>
              <Button block type="link" onClick={() => setWithItems(false)}>
                {t('common.cancel')}
              </Button>
            </H5Card>
          ) : (
            <div style={{ display: 'flex', flexDirection: 'column', gap: 10 }}>
              <Button type="primary" size="large" block loading={file.isPending} onClick={fileNil} data-testid="m-screening-nil">
                {t('m.screeningNil', { month: monthText(period) })}
              </Button>
              <Button size="large" block onClick={() => setWithItems(true)} data-testid="m-screening-add">
                {t('m.screeningFound')}
              </Button>
              <div className="h5-muted" style={{ textAlign: 'center' }}>
                {t('ov.screening.rule')}
              </div>
            </div>
          )}
        </>
      )}
    </H5Page>
  );
}

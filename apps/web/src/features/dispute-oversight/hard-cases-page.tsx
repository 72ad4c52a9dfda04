import { useState } from 'react';
import { Alert, App, Button, Flex, Form, Input, Modal, Segmented, Select, Table, Tag, Timeline, Typography } from 'antd';
import { Link } from 'react-router';
import { hardCaseOutcomeLabels, hardCaseOutcomes, type CloseHardCase, type HardCaseProgress } from '@shizhi/domain';
import { PageHeader } from '../../components/page-header.tsx';
import { ErrorBlock } from '../../components/page-states.tsx';
import { useFormatDateTime, useLabel, useT } from '../../i18n/index.ts';
import { chinaDate } from '../../lib/periods.ts';
import { useScopeUnit, UnitPicker } from './oversight-common.tsx';
import { useCloseHardCase, useHardCases, useProgressHardCase, type HardCase } from './oversight-api.ts';
import './oversight.css';

type View = 'open' | 'overdue' | 'closed';

/** 四定四包: the hard cases under a unit, overdue ones first in red, with progress and closing. */
export function HardCasesPage() {
  const t = useT();
  const label = useLabel();
  const [orgCode, setOrgCode] = useScopeUnit();
  const [view, setView] = useState<View>('open');
  const [acting, setActing] = useState<{ hardCase: HardCase; kind: 'progress' | 'close' } | null>(null);
  const list = useHardCases(orgCode, view === 'overdue' ? { overdue: true } : { state: view });
  return (
    <div data-testid="hard-cases-page">
      <PageHeader title={t('ov.hard.title')} subtitle={t('ov.hard.subtitle')} />
      <Flex gap={8} wrap className="ov-toolbar" align="center">
        <UnitPicker value={orgCode} onChange={setOrgCode} />
        <Segmented<View>
          value={view}
          onChange={setView}
          data-testid="hard-cases-view"
          options={[
            { value: 'open', label: t('ov.hard.open') },
            { value: 'overdue', label: t('ov.hard.overdue') },
            { value: 'closed', label: t('ov.hard.closed') },
          ]}
        />
        {list.data ? <span className="ov-muted">{t('ov.hard.counts', { total: list.data.total, overdue: list.data.overdue })}</span> : null}
      </Flex>
      <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
        {t('ov.hard.howTo')}
      </Typography.Paragraph>
      {list.isError ? (
        <ErrorBlock error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <Table
          rowKey="id"
          size="small"
          loading={list.isPending}
          dataSource={list.data?.items ?? []}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          scroll={{ x: 960 }}
          rowClassName={(r) => (r.overdue ? 'ov-row-alert' : '')}
          onRow={(r) => ({ 'data-testid': `hard-case-${r.disputeNumber}`, 'data-overdue': String(r.overdue) }) as React.HTMLAttributes<HTMLElement>}
          expandable={{ expandedRowRender: (r) => <HardCaseProgressList hardCase={r} /> }}
          columns={[
            {
              title: t('ov.hard.case'),
              key: 'case',
              render: (_, r) => (
                <div>
                  <Link to={`/disputes/${r.disputeId}`} className="tabular">
                    {r.disputeNumber}
                  </Link>
                  <div>{r.title}</div>
                </div>
              ),
            },
            { title: t('ov.hard.lead'), key: 'lead', render: (_, r) => `${r.leadOfficial}${r.leadOfficialTitle ? `（${r.leadOfficialTitle}）` : ''}` },
            { title: t('ov.hard.handler'), dataIndex: 'handler' },
            { title: t('ov.hard.measures'), dataIndex: 'measures', render: (v: string) => <div className="ov-text" style={{ marginTop: 0 }}>{v}</div> },
            {
              title: t('ov.hard.deadline'),
              key: 'deadline',
              render: (_, r) => (
                <Flex vertical gap={2}>
                  <span className="tabular">{r.deadline}</span>
                  {r.overdue ? <Tag color="red">{t('ov.hard.daysOverdue', { n: r.daysOverdue })}</Tag> : null}
                  {r.state === 'closed' && r.outcome ? <Tag color="green">{label(hardCaseOutcomeLabels[r.outcome])}</Tag> : null}
                </Flex>
              ),
            },
            {
              title: t('ov.actions'),
              key: 'actions',
              render: (_, r) =>
                r.state === 'open' ? (
                  <Flex gap={4} wrap>
                    <Button size="small" onClick={() => setActing({ hardCase: r, kind: 'progress' })} data-testid="hard-case-progress">
                      {t('ov.hard.progress')}
                    </Button>
                    <Button size="small" type="primary" onClick={() => setActing({ hardCase: r, kind: 'close' })} data-testid="hard-case-close">
                      {t('ov.hard.close')}
                    </Button>
                  </Flex>
                ) : null,
            },
          ]}
        />
      )}
      {acting ? <HardCaseModal hardCase={acting.hardCase} kind={acting.kind} onClose={() => setActing(null)} /> : null}
    </div>
  );
}

function HardCaseProgressList({ hardCase }: { hardCase: HardCase }) {
  const t = useT();
  const formatDateTime = useFormatDateTime();
  const entries = [
    { at: hardCase.designatedAt, by: hardCase.designatedBy, note: t('ov.hard.designated') },
    ...hardCase.progress,
    ...(hardCase.closedAt ? [{ at: hardCase.closedAt, by: '', note: `${t('ov.hard.closed')}：${hardCase.result ?? ''}` }] : []),
  ];
  return (
    <Timeline
      style={{ marginTop: 8 }}
      items={entries.map((e, i) => ({
        key: i,
        content: (
          <div>
            <span className="ov-muted tabular">
              {formatDateTime(e.at)} {e.by}
            </span>
            <div className="ov-text">{e.note}</div>
            {'changes' in e && e.changes ? <div className="ov-muted">{Object.entries(e.changes).map(([k, v]) => `${k}: ${v}`).join('；')}</div> : null}
          </div>
        ),
      }))}
    />
  );
}

function HardCaseModal({ hardCase, kind, onClose }: { hardCase: HardCase; kind: 'progress' | 'close'; onClose: () => void }) {
  const t = useT();
  const label = useLabel();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ note: string; measures?: string; deadline?: string; handler?: string; outcome: CloseHardCase['outcome']; result: string }>();
  const progress = useProgressHardCase(hardCase.id);
  const close = useCloseHardCase(hardCase.id);
  const [error, setError] = useState<string | null>(null);
  const submit = async () => {
    const v = await form.validateFields();
    try {
      if (kind === 'progress') {
        const body: HardCaseProgress = { revision: hardCase.revision, note: v.note.trim() };
        if (v.measures?.trim() && v.measures.trim() !== hardCase.measures) body.measures = v.measures.trim();
        if (v.deadline && v.deadline !== hardCase.deadline) body.deadline = v.deadline;
        if (v.handler?.trim() && v.handler.trim() !== hardCase.handler) body.handler = v.handler.trim();
        await progress.mutateAsync(body);
      } else {
        await close.mutateAsync({ revision: hardCase.revision, outcome: v.outcome, result: v.result.trim() });
      }
      message.success(t('ov.saved'));
      onClose();
    } catch (cause) {
      setError(cause instanceof Error ? cause.message : String(cause));
    }
  };
  const need = [{ required: true, whitespace: true, message: t('ov.required') }];
  return (
    <Modal
      open
      title={`${t(kind === 'progress' ? 'ov.hard.progress' : 'ov.hard.close')} · ${hardCase.title}`}
      onCancel={onClose}
      onOk={() => void submit().catch(() => undefined)}
      okButtonProps={{ loading: progress.isPending || close.isPending, 'data-testid': 'hard-case-submit' }}
      cancelText={t('common.cancel')}
      destroyOnHidden
    >
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} /> : null}
      <Form form={form} layout="vertical" initialValues={{ measures: hardCase.measures, handler: hardCase.handler, deadline: hardCase.deadline, outcome: 'resolved' }}>
        {kind === 'progress' ? (
          <>
            <Form.Item name="note" label={t('ov.hard.progressNote')} rules={need}>
              <Input.TextArea rows={3} maxLength={2000} data-testid="hard-case-note" />
            </Form.Item>
            <Form.Item name="measures" label={t('ov.hard.measures')}>
              <Input.TextArea rows={2} maxLength={2000} />
            </Form.Item>
            <Flex gap={12} wrap>
              <Form.Item name="handler" label={t('ov.hard.handler')}>
                <Input maxLength={50} />
              </Form.Item>
              <Form.Item name="deadline" label={t('ov.hard.deadline')}>
                <Input type="date" min={chinaDate()} data-testid="hard-case-deadline" />
              </Form.Item>
            </Flex>
          </>
        ) : (
          <>
            <Form.Item name="outcome" label={t('ov.hard.outcome')}>
              <Select options={hardCaseOutcomes.map((o) => ({ value: o, label: label(hardCaseOutcomeLabels[o]) }))} />
            </Form.Item>
            <Form.Item name="result" label={t('ov.hard.result')} rules={need}>
              <Input.TextArea rows={3} maxLength={2000} data-testid="hard-case-result" />
            </Form.Item>
          </>
        )}
      </Form>
    </Modal>
  );
}

import { useState } from 'react';
import { Alert, App, Button, Card, Empty, Flex, Form, Input, Modal, Table, Tabs, Tag } from 'antd';
import { Link, useNavigate } from 'react-router';
import type { AnswerDecision, DecisionOutcome } from '@shizhi/domain';
import { Icon } from '../../components/icon.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { ErrorBlock } from '../../components/page-states.tsx';
import { useT, type MessageKey } from '../../i18n/index.ts';
import { apiUrl } from '../../lib/api-client.ts';
import { chinaDate } from '../../lib/periods.ts';
import { useScopeUnit, UnitPicker } from './oversight-common.tsx';
import { useAnswerDecision, useDecisions, useMeetings, usePrepareMeeting, type Decision } from './oversight-api.ts';
import './oversight.css';

export const outcomeColors: Record<DecisionOutcome, string> = { answered: 'green', answered_late: 'orange', overdue: 'red', pending: 'blue' };

export function OutcomeTag({ outcome }: { outcome: DecisionOutcome }) {
  const t = useT();
  return (
    <Tag color={outcomeColors[outcome]} data-testid="decision-outcome" data-outcome={outcome} style={{ marginInlineEnd: 0 }}>
      {t(`ov.outcome.${outcome}` as MessageKey)}
    </Tag>
  );
}

/** The 督办单 as PDF (to print and sign) and Word (to edit), straight from the API. */
export function SupervisionOrderDownloads({ decision }: { decision: Pick<Decision, 'id' | 'number'> }) {
  const t = useT();
  const href = (format: 'pdf' | 'docx') => apiUrl(`/dispute-oversight/decisions/${encodeURIComponent(decision.id)}/supervision-order.${format}`);
  return (
    <Flex gap={4} wrap>
      <Button size="small" icon={<Icon name="download" />} href={href('pdf')} download data-testid={`order-pdf-${decision.number}`}>
        PDF
      </Button>
      <Button size="small" icon={<Icon name="download" />} href={href('docx')} download data-testid={`order-docx-${decision.number}`}>
        {t('ov.word')}
      </Button>
    </Flex>
  );
}

/** 联席会议: the unit's meetings and a new one prepared by the system; the 督办单 the unit has to answer. */
export function MeetingsPage() {
  const t = useT();
  const [orgCode, setOrgCode] = useScopeUnit();
  const [preparing, setPreparing] = useState(false);
  const meetings = useMeetings(orgCode);
  return (
    <div data-testid="meetings-page">
      <PageHeader
        title={t('ov.meet.title')}
        subtitle={t('ov.meet.subtitle')}
        extra={
          <Button type="primary" icon={<Icon name="plus" />} onClick={() => setPreparing(true)} data-testid="meeting-prepare">
            {t('ov.meet.prepare')}
          </Button>
        }
      />
      <Flex gap={8} wrap className="ov-toolbar">
        <UnitPicker value={orgCode} onChange={setOrgCode} />
      </Flex>
      <Tabs
        items={[
          {
            key: 'meetings',
            label: t('ov.meet.list'),
            children: meetings.isError ? (
              <ErrorBlock error={meetings.error} />
            ) : (
              <Table
                rowKey="id"
                size="small"
                loading={meetings.isPending}
                dataSource={meetings.data?.items ?? []}
                pagination={{ pageSize: 20, hideOnSinglePage: true }}
                columns={[
                  { title: t('ov.meet.heldOn'), dataIndex: 'heldOn', render: (v: string) => <span className="tabular">{v}</span> },
                  { title: t('ov.meet.name'), dataIndex: 'title', render: (v: string, r) => <Link to={`/oversight/meetings/${r.id}`} data-testid={`meeting-${r.heldOn}`}>{v}</Link> },
                  { title: t('ov.state'), dataIndex: 'state', render: (v: string) => <Tag color={v === 'held' ? 'green' : 'blue'}>{t(v === 'held' ? 'ov.meet.held' : 'ov.meet.prepared')}</Tag> },
                ]}
              />
            ),
          },
          { key: 'orders', label: <span data-testid="tab-orders">{t('ov.meet.orders')}</span>, children: <DecisionsList orgCode={orgCode} /> },
        ]}
      />
      {preparing && orgCode ? <PrepareMeetingModal orgCode={orgCode} onClose={() => setPreparing(false)} /> : null}
    </div>
  );
}

function PrepareMeetingModal({ orgCode, onClose }: { orgCode: string; onClose: () => void }) {
  const t = useT();
  const navigate = useNavigate();
  const prepare = usePrepareMeeting();
  const [form] = Form.useForm<{ heldOn: string; title?: string }>();
  const [error, setError] = useState<string | null>(null);
  const submit = async () => {
    const v = await form.validateFields();
    try {
      const { id } = await prepare.mutateAsync({ orgCode, heldOn: v.heldOn, ...(v.title?.trim() ? { title: v.title.trim() } : {}) });
      onClose();
      void navigate(`/oversight/meetings/${id}`);
    } catch (cause) {
      setError(cause instanceof Error ? cause.message : String(cause));
    }
  };
  return (
    <Modal
      open
      title={t('ov.meet.prepare')}
      onCancel={onClose}
      onOk={() => void submit().catch(() => undefined)}
      okText={t('ov.meet.prepareOk')}
      okButtonProps={{ loading: prepare.isPending, 'data-testid': 'meeting-prepare-submit' }}
      cancelText={t('common.cancel')}
      destroyOnHidden
    >
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} /> : null}
      <Form form={form} layout="vertical" initialValues={{ heldOn: chinaDate() }}>
        <Form.Item name="heldOn" label={t('ov.meet.heldOn')} rules={[{ required: true, message: t('ov.required') }]}>
          <Input type="date" data-testid="meeting-held-on" />
        </Form.Item>
        <Form.Item name="title" label={t('ov.meet.name')} extra={t('ov.meet.titleHint')}>
          <Input maxLength={100} />
        </Form.Item>
      </Form>
      <Alert type="info" showIcon title={t('ov.meet.prepareHint')} />
    </Modal>
  );
}

/** 督办单 addressed to (or issued by) units under the unit; the recipient answers here. */
function DecisionsList({ orgCode }: { orgCode: string | undefined }) {
  const t = useT();
  const decisions = useDecisions(orgCode);
  const [answering, setAnswering] = useState<Decision | null>(null);
  if (decisions.isError) return <ErrorBlock error={decisions.error} />;
  return (
    <>
      <Table
        rowKey="id"
        size="small"
        loading={decisions.isPending}
        dataSource={decisions.data?.items ?? []}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        scroll={{ x: 900 }}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('ov.meet.noOrders')} /> }}
        rowClassName={(r) => (r.outcome === 'overdue' ? 'ov-row-alert' : '')}
        onRow={(r) => ({ 'data-testid': `order-${r.number}`, 'data-state': r.state }) as React.HTMLAttributes<HTMLElement>}
        columns={[
          { title: t('ov.meet.orderNumber'), dataIndex: 'number', render: (v: string) => <b>{v}</b> },
          { title: t('ov.meet.matter'), dataIndex: 'matter' },
          { title: t('ov.meet.issuer'), dataIndex: 'issuerName' },
          { title: t('ov.meet.recipient'), dataIndex: 'recipientName' },
          { title: t('ov.meet.due'), dataIndex: 'dueOn', render: (v: string) => <span className="tabular">{v}</span> },
          { title: t('ov.state'), key: 'outcome', render: (_, r) => <OutcomeTag outcome={r.outcome} /> },
          {
            title: t('ov.actions'),
            key: 'actions',
            render: (_, r) => (
              <Flex gap={4} wrap>
                <SupervisionOrderDownloads decision={r} />
                {r.state === 'issued' ? (
                  <Button size="small" type="primary" onClick={() => setAnswering(r)} data-testid="order-answer">
                    {t('ov.meet.answer')}
                  </Button>
                ) : null}
              </Flex>
            ),
          },
        ]}
        expandable={{
          expandedRowRender: (r) => (
            <div>
              <ol className="ov-agenda-items">
                {r.requirements.map((x, i) => (
                  <li key={i}>{x}</li>
                ))}
              </ol>
              {r.reply ? (
                <div className="ov-box" style={{ marginTop: 8 }}>
                  <b>{t('ov.meet.reply')}</b> <span className="ov-muted">{r.reply.answeredOn} · {r.reply.handler} / {r.reply.head}</span>
                  <div className="ov-text">{r.reply.content}</div>
                </div>
              ) : null}
            </div>
          ),
        }}
      />
      {answering ? <AnswerModal decision={answering} onClose={() => setAnswering(null)} /> : null}
    </>
  );
}

function AnswerModal({ decision, onClose }: { decision: Decision; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const answer = useAnswerDecision(decision.id);
  const [form] = Form.useForm<AnswerDecision>();
  const [error, setError] = useState<string | null>(null);
  const submit = async () => {
    const v = await form.validateFields();
    try {
      const result = await answer.mutateAsync({ content: v.content.trim(), handler: v.handler.trim(), head: v.head.trim() });
      message.success(t(result.late ? 'ov.meet.answeredLate' : 'ov.meet.answered'));
      onClose();
    } catch (cause) {
      setError(cause instanceof Error ? cause.message : String(cause));
    }
  };
  const need = [{ required: true, whitespace: true, message: t('ov.required') }];
  return (
    <Modal
      open
      title={`${t('ov.meet.answer')} · ${decision.number}`}
      onCancel={onClose}
      onOk={() => void submit().catch(() => undefined)}
      okButtonProps={{ loading: answer.isPending, 'data-testid': 'order-answer-submit' }}
      cancelText={t('common.cancel')}
      destroyOnHidden
    >
      <Card size="small" style={{ marginBottom: 12 }}>
        <b>{decision.matter}</b>
        <ol className="ov-agenda-items" style={{ marginTop: 6 }}>
          {decision.requirements.map((x, i) => (
            <li key={i}>{x}</li>
          ))}
        </ol>
        <div className="ov-muted">{t('ov.meet.dueLine', { due: decision.dueOn })}</div>
      </Card>
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} /> : null}
      <Form form={form} layout="vertical">
        <Form.Item name="content" label={t('ov.meet.replyContent')} rules={need}>
          <Input.TextArea rows={4} maxLength={8000} data-testid="order-answer-content" />
        </Form.Item>
        <Flex gap={12} wrap>
          <Form.Item name="handler" label={t('ov.meet.replyHandler')} rules={need}>
            <Input maxLength={50} data-testid="order-answer-handler" />
          </Form.Item>
          <Form.Item name="head" label={t('ov.meet.replyHead')} rules={need}>
            <Input maxLength={50} data-testid="order-answer-head" />
          </Form.Item>
        </Flex>
      </Form>
    </Modal>
  );
}

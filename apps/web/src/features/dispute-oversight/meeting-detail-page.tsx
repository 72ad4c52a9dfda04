import { useState } from 'react';
import { Alert, App, Button, Card, Col, Descriptions, Flex, Form, Input, Row, Select, Table, Tag, Typography } from 'antd';
import { Link, useParams } from 'react-router';
import type { RecordMeeting } from '@shizhi/domain';
import { Icon } from '../../components/icon.tsx';
import { ErrorBlock, LoadingBlock } from '../../components/page-states.tsx';
import { useT } from '../../i18n/index.ts';
import { OutcomeTag, SupervisionOrderDownloads } from './meetings-page.tsx';
import { useMeeting, useRecordMeeting, type Meeting } from './oversight-api.ts';
import './oversight.css';

/** One 联席会议: the agenda the system drew up, then the record and the 督办单 it issued. */
export function MeetingDetailPage() {
  const t = useT();
  const { id } = useParams();
  const meeting = useMeeting(id);
  if (meeting.isPending) return <LoadingBlock />;
  if (meeting.isError) return <ErrorBlock error={meeting.error} onRetry={() => void meeting.refetch()} />;
  const m = meeting.data;
  return (
    <div data-testid="meeting-detail" data-state={m.state}>
      <Link to="/oversight/meetings">
        <Button type="link" icon={<Icon name="left" />} style={{ paddingInline: 0, marginBottom: 8 }}>
          {t('ov.meet.back')}
        </Button>
      </Link>
      <Flex gap={8} align="center" wrap style={{ marginBottom: 16 }}>
        <Typography.Title level={4} style={{ margin: 0, color: '#0c2a52' }}>
          {m.title}
        </Typography.Title>
        <Tag color={m.state === 'held' ? 'green' : 'blue'}>{t(m.state === 'held' ? 'ov.meet.held' : 'ov.meet.prepared')}</Tag>
        <span className="ov-muted tabular">{m.heldOn}</span>
      </Flex>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <Agenda meeting={m} />
        </Col>
        <Col xs={24} xl={12}>
          {m.state === 'prepared' ? <RecordForm meeting={m} /> : <MeetingRecord meeting={m} />}
        </Col>
      </Row>
    </div>
  );
}

function Agenda({ meeting }: { meeting: Meeting }) {
  const t = useT();
  const a = meeting.agenda;
  return (
    <Flex vertical gap={16}>
      <Card size="small" title={t('ov.meet.agenda')} data-testid="meeting-agenda">
        <ol className="ov-agenda-items">
          {a.items.map((x, i) => (
            <li key={i}>{x}</li>
          ))}
        </ol>
        <div className="ov-muted" style={{ marginTop: 8 }}>
          {t('ov.meet.preparedBy', { by: meeting.preparedBy, on: a.preparedOn })}
        </div>
      </Card>
      <Card size="small" title={t('ov.meet.previous')} data-testid="agenda-previous">
        {a.previousDecisions.length === 0 ? (
          <Typography.Text type="secondary">{t('ov.meet.noPrevious')}</Typography.Text>
        ) : (
          a.previousDecisions.map((d) => (
            <div key={d.id} className={d.outcome === 'overdue' ? 'ov-box is-overdue' : 'ov-box'} data-testid={`agenda-previous-${d.number}`}>
              <Flex gap={8} wrap align="center">
                <b>{d.number}</b>
                <OutcomeTag outcome={d.outcome} />
                {d.hardCaseState ? <Tag>{t(d.hardCaseState === 'closed' ? 'ov.meet.caseClosed' : 'ov.meet.caseOpen')}</Tag> : null}
              </Flex>
              <div>{d.matter}</div>
              <div className="ov-muted">
                {d.recipientName} · {t('ov.meet.dueLine', { due: d.dueOn })}
                {d.answeredOn ? ` · ${t('ov.meet.answeredOn', { on: d.answeredOn })}` : ''}
              </div>
              {d.reply ? <div className="ov-text" data-testid="agenda-previous-reply">{d.reply}</div> : null}
            </div>
          ))
        )}
      </Card>
      <Card size="small" title={t('ov.meet.overdueCases', { n: a.overdue.length })} data-testid="agenda-overdue">
        {a.overdue.length === 0 ? (
          <Typography.Text type="secondary">{t('ov.meet.noOverdue')}</Typography.Text>
        ) : (
          a.overdue.map((c) => (
            <div key={c.id} className="ov-box is-overdue">
              <Flex gap={8} wrap align="center">
                <Link to={`/disputes/${c.disputeId}`} className="tabular">
                  {c.disputeNumber}
                </Link>
                <Tag color="red">{t('ov.hard.daysOverdue', { n: c.daysOverdue })}</Tag>
              </Flex>
              <div>{c.title}</div>
              <div className="ov-muted">
                {c.unitName} · {t('ov.hard.lead')} {c.leadOfficial} · {t('ov.hard.handler')} {c.handler} · {c.deadline}
              </div>
            </div>
          ))
        )}
      </Card>
      <Card size="small" title={t('ov.meet.perUnit')} extra={<span className="ov-muted">{t('ov.meet.unitsWithNone', { n: a.units.filter((u) => u.openHardCases === 0).length })}</span>}>
        <Table
          size="small"
          rowKey="code"
          pagination={false}
          dataSource={a.units.filter((u) => u.openHardCases > 0)}
          data-testid="agenda-units"
          rowClassName={(r) => (r.overdueHardCases > 0 ? 'ov-row-alert' : '')}
          columns={[
            { title: t('ov.unit'), dataIndex: 'name' },
            { title: t('ov.meet.openCases'), dataIndex: 'openHardCases', align: 'right' },
            { title: t('ov.meet.overdueShort'), dataIndex: 'overdueHardCases', align: 'right' },
          ]}
        />
      </Card>
    </Flex>
  );
}

function MeetingRecord({ meeting }: { meeting: Meeting }) {
  const t = useT();
  return (
    <Flex vertical gap={16}>
      <Card size="small" title={t('ov.meet.record')}>
        <Descriptions
          size="small"
          column={1}
          items={[
            { key: 'attendees', label: t('ov.meet.attendees'), children: meeting.attendees.map((a) => `${a.name}（${a.unit}${a.title ? ` ${a.title}` : ''}）`).join('、') },
            { key: 'minutes', label: t('ov.meet.minutes'), children: <div className="ov-text" style={{ marginTop: 0 }}>{meeting.minutes ?? t('common.none')}</div> },
            { key: 'by', label: t('ov.meet.recordedBy'), children: meeting.recordedBy ?? '' },
          ]}
        />
      </Card>
      <Card size="small" title={t('ov.meet.ordersIssued', { n: meeting.decisions.length })} data-testid="meeting-decisions">
        {meeting.decisions.map((d) => (
          <div key={d.id} className={d.outcome === 'overdue' ? 'ov-box is-overdue' : 'ov-box'} data-testid={`decision-${d.number}`}>
            <Flex gap={8} wrap align="center" justify="space-between">
              <Flex gap={8} wrap align="center">
                <b data-testid="decision-number">{d.number}</b>
                <OutcomeTag outcome={d.outcome} />
              </Flex>
              <SupervisionOrderDownloads decision={d} />
            </Flex>
            <div style={{ marginTop: 4 }}>{d.matter}</div>
            <div className="ov-muted">
              {t('ov.meet.recipient')}：{d.recipientName} · {t('ov.meet.dueLine', { due: d.dueOn })}
            </div>
            <ol className="ov-agenda-items" style={{ marginTop: 4 }}>
              {d.requirements.map((x, i) => (
                <li key={i}>{x}</li>
              ))}
            </ol>
            {d.reply ? <div className="ov-text">{t('ov.meet.reply')}：{d.reply.content}</div> : null}
          </div>
        ))}
      </Card>
    </Flex>
  );
}

interface RecordValues {
  attendees: { name: string; unit: string; title?: string }[];
  minutes?: string;
  contactName: string;
  contactPhone: string;
  signatory: string;
  decisions: { matter: string; matterDetail?: string; requirements: string; recipientOrgCode: string; dueDate: string; hardCaseId?: string }[];
}

function RecordForm({ meeting }: { meeting: Meeting }) {
  const t = useT();
  const { message } = App.useApp();
  const record = useRecordMeeting(meeting.id);
  const [form] = Form.useForm<RecordValues>();
  const [error, setError] = useState<string | null>(null);
  const need = [{ required: true, whitespace: true, message: t('ov.required') }];
  const submit = async () => {
    const v = await form.validateFields();
    const body: RecordMeeting = {
      revision: meeting.revision,
      attendees: v.attendees.map((a) => ({ name: a.name.trim(), unit: a.unit.trim(), ...(a.title?.trim() ? { title: a.title.trim() } : {}) })),
      ...(v.minutes?.trim() ? { minutes: v.minutes.trim() } : {}),
      contact: { name: v.contactName.trim(), phone: v.contactPhone.trim() },
      signatory: v.signatory.trim(),
      decisions: (v.decisions ?? []).map((d) => ({
        matter: d.matter.trim(),
        ...(d.matterDetail?.trim() ? { matterDetail: d.matterDetail.trim() } : {}),
        requirements: d.requirements.split('\n').map((x) => x.trim()).filter(Boolean),
        recipientOrgCode: d.recipientOrgCode,
        dueDate: d.dueDate,
        ...(d.hardCaseId ? { hardCaseId: d.hardCaseId } : {}),
      })),
    };
    try {
      const result = await record.mutateAsync(body);
      message.success(t('ov.meet.recorded', { n: result.decisions.length }));
    } catch (cause) {
      setError(cause instanceof Error ? cause.message : String(cause));
    }
  };
  return (
    <Card size="small" title={t('ov.meet.record')} data-testid="meeting-record-form">
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} /> : null}
      <Form form={form} layout="vertical" initialValues={{ attendees: [{ name: '', unit: '' }], decisions: [] }}>
        <Form.List name="attendees">
          {(fields, { add, remove }) => (
            <Form.Item label={t('ov.meet.attendees')} required>
              <Flex vertical gap={6}>
                {fields.map((f, i) => (
                  <Flex key={f.key} gap={6}>
                    <Form.Item name={[f.name, 'name']} rules={need} noStyle>
                      <Input placeholder={t('ov.meet.attName')} style={{ width: '30%' }} data-testid={`attendee-${i}-name`} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'unit']} rules={need} noStyle>
                      <Input placeholder={t('ov.meet.attUnit')} style={{ flex: 1 }} data-testid={`attendee-${i}-unit`} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'title']} noStyle>
                      <Input placeholder={t('ov.meet.attTitle')} style={{ width: '22%' }} />
                    </Form.Item>
                    {fields.length > 1 ? <Button type="text" danger icon={<Icon name="delete" />} onClick={() => remove(f.name)} aria-label={t('ov.remove')} /> : null}
                  </Flex>
                ))}
                <Button icon={<Icon name="plus" />} onClick={() => add({ name: '', unit: '' })} data-testid="attendee-add">
                  {t('ov.meet.addAttendee')}
                </Button>
              </Flex>
            </Form.Item>
          )}
        </Form.List>
        <Form.Item name="minutes" label={t('ov.meet.minutes')}>
          <Input.TextArea rows={3} maxLength={8000} data-testid="meeting-minutes" />
        </Form.Item>
        <Form.List name="decisions">
          {(fields, { add, remove }) => (
            <Flex vertical gap={8} style={{ marginBottom: 12 }}>
              {fields.map((f, i) => (
                <div key={f.key} className="ov-box" data-testid={`decision-form-${i}`}>
                  <Flex justify="space-between" align="center">
                    <b>{t('ov.meet.decisionN', { n: i + 1 })}</b>
                    <Button type="text" danger icon={<Icon name="delete" />} onClick={() => remove(f.name)} aria-label={t('ov.remove')} />
                  </Flex>
                  <Form.Item name={[f.name, 'matter']} label={t('ov.meet.matter')} rules={need}>
                    <Input maxLength={200} data-testid={`decision-${i}-matter`} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'requirements']} label={t('ov.meet.requirements')} rules={need} extra={t('ov.meet.requirementsHint')}>
                    <Input.TextArea rows={3} data-testid={`decision-${i}-requirements`} />
                  </Form.Item>
                  <Flex gap={8} wrap>
                    <Form.Item name={[f.name, 'recipientOrgCode']} label={t('ov.meet.recipient')} rules={[{ required: true, message: t('ov.required') }]} style={{ minWidth: 200, flex: 1 }}>
                      <Select showSearch optionFilterProp="label" options={meeting.agenda.units.map((u) => ({ value: u.code, label: u.name }))} data-testid={`decision-${i}-recipient`} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'dueDate']} label={t('ov.meet.due')} rules={[{ required: true, message: t('ov.required') }]}>
                      <Input type="date" min={meeting.heldOn} data-testid={`decision-${i}-due`} />
                    </Form.Item>
                  </Flex>
                  <Form.Item name={[f.name, 'hardCaseId']} label={t('ov.meet.hardCase')}>
                    <Select allowClear options={meeting.agenda.open.map((c) => ({ value: c.id, label: `${c.disputeNumber} ${c.title}` }))} />
                  </Form.Item>
                </div>
              ))}
              <Button icon={<Icon name="plus" />} onClick={() => add({ matter: '', requirements: '' })} data-testid="decision-add">
                {t('ov.meet.addDecision')}
              </Button>
            </Flex>
          )}
        </Form.List>
        <Flex gap={8} wrap>
          <Form.Item name="contactName" label={t('ov.meet.contact')} rules={need}>
            <Input maxLength={50} data-testid="meeting-contact-name" />
          </Form.Item>
          <Form.Item name="contactPhone" label={t('ov.meet.contactPhone')} rules={need}>
            <Input maxLength={30} data-testid="meeting-contact-phone" />
          </Form.Item>
          <Form.Item name="signatory" label={t('ov.meet.signatory')} rules={need}>
            <Input maxLength={50} data-testid="meeting-signatory" />
          </Form.Item>
        </Flex>
        <Button type="primary" onClick={() => void submit().catch(() => undefined)} loading={record.isPending} data-testid="meeting-record-submit">
          {t('ov.meet.recordSubmit')}
        </Button>
      </Form>
    </Card>
  );
}

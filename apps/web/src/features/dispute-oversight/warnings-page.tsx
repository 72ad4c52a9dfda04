import { useState } from 'react';
import { Alert, App, Button, Card, Flex, Form, Input, InputNumber, Modal, Popconfirm, Segmented, Select, Switch, Table, Tabs, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import {
  escalationGradeLabels,
  escalationRuleKindLabels,
  escalationRuleKinds,
  keyPersonCategories,
  keyPersonCategoryLabels,
  type ActOnEscalation,
  type EscalationFlagState,
  type EscalationRule,
  type EscalationSettings,
} from '@shizhi/domain';
import { RiskTag } from '../../components/dispute-tags.tsx';
import { Icon } from '../../components/icon.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { ErrorBlock, LoadingBlock } from '../../components/page-states.tsx';
import { useFormatDateTime, useLabel, useT, type MessageKey } from '../../i18n/index.ts';
import { useScopeUnit, UnitPicker } from './oversight-common.tsx';
import {
  useActOnFlag,
  useAddKeyPerson,
  useDeleteRule,
  useEscalationFlags,
  useEscalationRules,
  useKeyPersons,
  useSaveRule,
  useSaveSettings,
  type FlagRecord,
  type RuleRecord,
  type RulesView,
} from './oversight-api.ts';
import './oversight.css';

type Tab = 'flags' | 'rules' | 'key-persons';

/** 民转刑预警: open flags per unit and what to do with them, the rules as data, the key-person list. */
export function WarningsPage({ tab = 'flags' }: { tab?: Tab }) {
  const t = useT();
  const [orgCode, setOrgCode] = useScopeUnit();
  const [active, setActive] = useState<Tab>(tab);
  return (
    <div data-testid="warnings-page">
      <PageHeader title={t('ov.warn.title')} subtitle={t('ov.warn.subtitle')} />
      <Tabs
        activeKey={active}
        onChange={(k) => setActive(k as Tab)}
        items={[
          { key: 'flags', label: <span data-testid="tab-flags">{t('ov.warn.flags')}</span>, children: <FlagsTab orgCode={orgCode} setOrgCode={setOrgCode} /> },
          { key: 'rules', label: <span data-testid="tab-rules">{t('ov.warn.rules')}</span>, children: <RulesTab /> },
          { key: 'key-persons', label: <span data-testid="tab-key-persons">{t('ov.warn.keyPersons')}</span>, children: <KeyPersonsTab orgCode={orgCode} setOrgCode={setOrgCode} /> },
        ]}
      />
    </div>
  );
}

const actionLabels: Record<ActOnEscalation['action'], MessageKey> = { acknowledge: 'd.esc.acknowledge', route_to_police: 'd.esc.route', clear: 'd.esc.clear' };

function FlagsTab({ orgCode, setOrgCode }: { orgCode: string | undefined; setOrgCode: (c: string | undefined) => void }) {
  const t = useT();
  const formatDateTime = useFormatDateTime();
  const [state, setState] = useState<EscalationFlagState | 'all'>('open');
  const flags = useEscalationFlags(orgCode, state === 'all' ? undefined : state);
  const [acting, setActing] = useState<{ flag: FlagRecord; action: ActOnEscalation['action'] } | null>(null);
  return (
    <div data-testid="flags-tab">
      <Flex gap={8} wrap className="ov-toolbar" align="center">
        <UnitPicker value={orgCode} onChange={setOrgCode} />
        <Segmented<EscalationFlagState | 'all'>
          value={state}
          onChange={setState}
          options={(['open', 'acknowledged', 'routed', 'cleared', 'all'] as const).map((s) => ({ value: s, label: <span data-testid={`flags-state-${s}`}>{s === 'all' ? t('ov.all') : t(`d.esc.state.${s}` as MessageKey)}</span> }))}
        />
      </Flex>
      {flags.isError ? (
        <ErrorBlock error={flags.error} />
      ) : flags.isPending ? (
        <LoadingBlock />
      ) : (
        <Flex vertical gap={16}>
          <Flex gap={8} wrap data-testid="flags-units">
            {flags.data.units.filter((u) => u.open > 0).sort((a, b) => b.high - a.high || b.open - a.open).map((u) => (
              <Card key={u.code} size="small" style={{ minWidth: 150, borderColor: u.high > 0 ? '#ffa39e' : undefined }}>
                <div className="ov-muted">{u.name}</div>
                <span className="ov-stat" style={u.open > 0 ? { color: '#cf1322' } : undefined}>{u.open}</span>{' '}
                <span className="ov-muted">{t('ov.warn.openHigh', { high: u.high })}</span>
              </Card>
            ))}
          </Flex>
          {flags.data.items.length === 0 ? (
            <Alert type="success" showIcon title={t('ov.warn.noFlags')} />
          ) : (
            flags.data.items.map((f) => (
              <Card key={f.id} size="small" data-testid={`flag-${f.disputeNumber}`} data-state={f.state} data-grade={f.grade} style={f.grade === 'high' && f.state === 'open' ? { borderColor: '#ffa39e' } : undefined}>
                <Flex gap={8} wrap align="center">
                  <RiskTag grade={f.grade} />
                  <Tag color={f.state === 'open' ? 'red' : f.state === 'routed' ? 'purple' : 'default'}>{t(`d.esc.state.${f.state}` as MessageKey)}</Tag>
                  {f.routeToPolice ? <Tag color="volcano">{t('d.esc.police')}</Tag> : null}
                  <Link to={`/disputes/${f.disputeId}`} className="tabular">
                    {f.disputeNumber}
                  </Link>
                  <b>{f.disputeTitle}</b>
                  <span className="ov-muted tabular">
                    {t('ov.warn.score', { n: f.score })} · {formatDateTime(f.evaluatedAt)}
                  </span>
                </Flex>
                {f.flags.map((x) => (
                  <div key={x.ruleCode} style={{ marginTop: 6, fontSize: 13 }}>
                    <b>{x.ruleName}</b> <span className="ov-muted">+{x.weight} · v{x.ruleVersion}</span>
                    <div>{x.explanation}</div>
                  </div>
                ))}
                {f.policeUnit || f.note ? (
                  <div className="ov-text ov-muted">
                    {f.policeUnit ? `${t('d.esc.policeUnit')}：${f.policeUnit} ` : ''}
                    {f.note ?? ''} {f.handledBy ? `（${f.handledBy}）` : ''}
                  </div>
                ) : null}
                {f.allowedActions.length > 0 ? (
                  <Flex gap={8} wrap style={{ marginTop: 8 }}>
                    {f.allowedActions.map((a) => (
                      <Button key={a} size="small" type={a === 'route_to_police' ? 'primary' : 'default'} danger={a === 'clear'} onClick={() => setActing({ flag: f, action: a })} data-testid={`flag-${a}`}>
                        {t(actionLabels[a])}
                      </Button>
                    ))}
                  </Flex>
                ) : null}
              </Card>
            ))
          )}
        </Flex>
      )}
      {acting ? <FlagActionModal flag={acting.flag} action={acting.action} onClose={() => setActing(null)} /> : null}
    </div>
  );
}

function FlagActionModal({ flag, action, onClose }: { flag: FlagRecord; action: ActOnEscalation['action']; onClose: () => void }) {
  const t = useT();
  const { message, modal } = App.useApp();
  const act = useActOnFlag(flag.id);
  const [form] = Form.useForm<{ policeUnit?: string; note?: string }>();
  const [error, setError] = useState<string | null>(null);
  const send = async (v: { policeUnit?: string; note?: string }) => {
    const note = v.note?.trim();
    const body: ActOnEscalation =
      action === 'route_to_police' ? { action, policeUnit: v.policeUnit!.trim(), note: note! } : action === 'clear' ? { action, note: note! } : { action, ...(note ? { note } : {}) };
    try {
      await act.mutateAsync(body);
      message.success(t('d.act.done', { action: t(actionLabels[action]) }));
      onClose();
    } catch (cause) {
      setError(cause instanceof Error ? cause.message : String(cause));
    }
  };
  const submit = async () => {
    const v = await form.validateFields();
    if (action !== 'clear') return send(v);
    modal.confirm({
      title: t('d.act.confirmTitle', { action: t('d.esc.clear') }),
      content: t('d.esc.clearConfirm'),
      okButtonProps: { danger: true, 'data-testid': 'flag-confirm' },
      cancelText: t('common.cancel'),
      onOk: () => send(v),
    });
  };
  const need = [{ required: true, whitespace: true, message: t('ov.required') }];
  return (
    <Modal
      open
      title={`${t(actionLabels[action])} · ${flag.disputeNumber}`}
      onCancel={onClose}
      onOk={() => void submit().catch(() => undefined)}
      okText={t(actionLabels[action])}
      okButtonProps={{ loading: act.isPending, danger: action === 'clear', 'data-testid': 'flag-submit' }}
      cancelText={t('common.cancel')}
      destroyOnHidden
    >
      <div data-testid="flag-modal" data-action={action}>
        {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} /> : null}
        <Form form={form} layout="vertical">
          {action === 'route_to_police' ? (
            <Form.Item name="policeUnit" label={t('d.esc.policeUnit')} rules={need}>
              <Input maxLength={100} data-testid="flag-police-unit" />
            </Form.Item>
          ) : null}
          <Form.Item name="note" label={t('d.act.text')} rules={action === 'acknowledge' ? [] : need}>
            <Input.TextArea rows={3} maxLength={1000} data-testid="flag-note" />
          </Form.Item>
        </Form>
      </div>
    </Modal>
  );
}

function RulesTab() {
  const t = useT();
  const label = useLabel();
  const formatDateTime = useFormatDateTime();
  const { message } = App.useApp();
  const rules = useEscalationRules();
  const remove = useDeleteRule();
  const [editing, setEditing] = useState<RuleRecord | 'new' | null>(null);
  if (rules.isPending) return <LoadingBlock />;
  if (rules.isError) return <ErrorBlock error={rules.error} onRetry={() => void rules.refetch()} />;
  const view = rules.data;
  return (
    <Flex vertical gap={16} data-testid="rules-tab" data-may-edit={String(view.mayEdit)}>
      {!view.mayEdit ? <Alert type="info" showIcon title={t('ov.warn.readOnly')} /> : null}
      <Card
        size="small"
        title={t('ov.warn.ruleList', { county: view.countyCode })}
        extra={
          view.mayEdit ? (
            <Button size="small" icon={<Icon name="plus" />} onClick={() => setEditing('new')} data-testid="rule-add">
              {t('ov.warn.addRule')}
            </Button>
          ) : null
        }
      >
        <Table
          size="small"
          rowKey="code"
          pagination={false}
          scroll={{ x: 900 }}
          dataSource={view.rules}
          onRow={(r) => ({ 'data-testid': `rule-${r.code}`, 'data-version': String(r.version) }) as React.HTMLAttributes<HTMLElement>}
          columns={[
            { title: t('ov.warn.ruleName'), key: 'name', render: (_, r) => <div><b>{r.name}</b><div className="ov-muted">{r.code}</div></div> },
            { title: t('ov.warn.kind'), dataIndex: 'kind', render: (v: RuleRecord['kind']) => label(escalationRuleKindLabels[v]) },
            {
              title: t('ov.warn.threshold'),
              key: 'threshold',
              render: (_, r) => (
                <span data-testid="rule-threshold">
                  {r.threshold}
                  {r.windowDays ? <span className="ov-muted"> / {t('ov.warn.days', { n: r.windowDays })}</span> : null}
                  {r.keywords.length > 0 ? <div className="ov-muted">{r.keywords.join('、')}</div> : null}
                </span>
              ),
            },
            { title: t('ov.warn.weight'), dataIndex: 'weight', align: 'right' },
            { title: t('ov.warn.enabled'), dataIndex: 'enabled', render: (v: boolean) => <Tag color={v ? 'green' : 'default'}>{t(v ? 'ov.warn.on' : 'ov.warn.off')}</Tag> },
            { title: t('ov.warn.version'), key: 'version', render: (_, r) => <span className="ov-muted">v{r.version} · {r.updatedBy} · {formatDateTime(r.updatedAt)}</span> },
            ...(view.mayEdit
              ? [
                  {
                    title: t('ov.actions'),
                    key: 'actions',
                    render: (_: unknown, r: RuleRecord) => (
                      <Flex gap={4}>
                        <Button size="small" icon={<Icon name="edit" />} onClick={() => setEditing(r)} data-testid="rule-edit">
                          {t('ov.edit')}
                        </Button>
                        <Popconfirm
                          title={t('ov.warn.deleteConfirm', { name: r.name })}
                          okText={t('ov.delete')}
                          okButtonProps={{ danger: true, 'data-testid': 'rule-delete-confirm' }}
                          cancelText={t('common.cancel')}
                          onConfirm={async () => {
                            await remove.mutateAsync(r.code).then(() => message.success(t('ov.warn.deleted')), (e: unknown) => message.error(e instanceof Error ? e.message : String(e)));
                          }}
                        >
                          <Button size="small" danger icon={<Icon name="delete" />} data-testid="rule-delete" aria-label={t('ov.delete')} />
                        </Popconfirm>
                      </Flex>
                    ),
                  },
                ]
              : []),
          ]}
        />
      </Card>
      <SettingsCard view={view} />
      {editing ? <RuleModal rule={editing === 'new' ? null : editing} onClose={() => setEditing(null)} /> : null}
    </Flex>
  );
}

function SettingsCard({ view }: { view: RulesView }) {
  const t = useT();
  const label = useLabel();
  const { message } = App.useApp();
  const save = useSaveSettings();
  const [form] = Form.useForm<EscalationSettings>();
  const [error, setError] = useState<string | null>(null);
  const submit = async () => {
    const v = await form.validateFields();
    try {
      await save.mutateAsync({ ...v, version: Math.max(1, view.settings.version) });
      setError(null);
      message.success(t('ov.saved'));
    } catch (cause) {
      setError(cause instanceof Error ? cause.message : String(cause));
    }
  };
  return (
    <Card size="small" title={t('ov.warn.settings')} extra={<span className="ov-muted">v{view.settings.version}</span>} data-testid="rules-settings">
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} /> : null}
      <Form form={form} layout="inline" initialValues={view.settings} disabled={!view.mayEdit}>
        <Form.Item name="mediumAt" label={t('ov.warn.mediumAt')} rules={[{ required: true }]}>
          <InputNumber min={1} max={1000} precision={0} />
        </Form.Item>
        <Form.Item name="highAt" label={t('ov.warn.highAt')} rules={[{ required: true }]}>
          <InputNumber min={1} max={1000} precision={0} />
        </Form.Item>
        <Form.Item name="policeGrade" label={t('ov.warn.policeGrade')}>
          <Select style={{ width: 100 }} options={(['medium', 'high'] as const).map((g) => ({ value: g, label: label(escalationGradeLabels[g]) }))} />
        </Form.Item>
        {view.mayEdit ? (
          <Form.Item>
            <Button onClick={() => void submit().catch(() => undefined)} loading={save.isPending} data-testid="settings-save">
              {t('ov.save')}
            </Button>
          </Form.Item>
        ) : null}
      </Form>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12, margin: '8px 0 0' }}>
        {t('ov.warn.settingsHint')}
      </Typography.Paragraph>
    </Card>
  );
}

interface RuleValues {
  code: string;
  name: string;
  kind: EscalationRule['kind'];
  enabled: boolean;
  weight: number;
  threshold: number;
  windowDays: number | null;
  keywords: string;
}

function RuleModal({ rule, onClose }: { rule: RuleRecord | null; onClose: () => void }) {
  const t = useT();
  const label = useLabel();
  const { message } = App.useApp();
  const save = useSaveRule(rule?.code ?? null);
  const [form] = Form.useForm<RuleValues>();
  const kind = Form.useWatch('kind', form) ?? rule?.kind ?? 'keywords';
  const [error, setError] = useState<string | null>(null);
  const submit = async () => {
    const v = await form.validateFields();
    const fields = {
      name: v.name.trim(),
      kind: v.kind,
      enabled: v.enabled,
      weight: v.weight,
      threshold: v.threshold,
      windowDays: v.kind.startsWith('repeat_') ? v.windowDays : null,
      keywords: v.kind === 'keywords' ? v.keywords.split(/[\s,，、]+/).map((w) => w.trim()).filter(Boolean) : [],
    };
    try {
      const result = await save.mutateAsync(rule ? { ...fields, version: rule.version } : { ...fields, code: v.code.trim() });
      message.success(t('ov.warn.savedVersion', { v: result.version }));
      onClose();
    } catch (cause) {
      setError(cause instanceof Error ? cause.message : String(cause));
    }
  };
  return (
    <Modal
      open
      width={640}
      title={rule ? t('ov.warn.editRule', { name: rule.name, v: rule.version }) : t('ov.warn.addRule')}
      onCancel={onClose}
      onOk={() => void submit().catch(() => undefined)}
      okText={t('ov.save')}
      okButtonProps={{ loading: save.isPending, 'data-testid': 'rule-save' }}
      cancelText={t('common.cancel')}
      destroyOnHidden
    >
      <div data-testid="rule-modal">
        {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} /> : null}
        <Form
          form={form}
          layout="vertical"
          initialValues={rule ? { ...rule, keywords: rule.keywords.join('、') } : { code: '', name: '', kind: 'keywords', enabled: true, weight: 20, threshold: 1, windowDays: 180, keywords: '' }}
        >
          {rule ? null : (
            <Form.Item name="code" label={t('ov.warn.code')} rules={[{ required: true, pattern: /^[a-z][a-z0-9_]{1,39}$/, message: t('ov.warn.codeHint') }]}>
              <Input maxLength={40} data-testid="rule-code" />
            </Form.Item>
          )}
          <Form.Item name="name" label={t('ov.warn.ruleName')} rules={[{ required: true, whitespace: true, message: t('ov.required') }]}>
            <Input maxLength={60} data-testid="rule-name" />
          </Form.Item>
          <Flex gap={12} wrap>
            <Form.Item name="kind" label={t('ov.warn.kind')}>
              <Select style={{ width: 240 }} disabled={Boolean(rule)} options={escalationRuleKinds.map((k) => ({ value: k, label: label(escalationRuleKindLabels[k]) }))} />
            </Form.Item>
            <Form.Item name="enabled" label={t('ov.warn.enabled')} valuePropName="checked">
              <Switch data-testid="rule-enabled" />
            </Form.Item>
          </Flex>
          <Flex gap={12} wrap>
            <Form.Item name="threshold" label={t('ov.warn.threshold')} extra={t(`ov.warn.thresholdHint.${kind}` as MessageKey)} rules={[{ required: true, message: t('ov.required') }]} style={{ maxWidth: 260 }}>
              <InputNumber min={1} max={100000} precision={0} data-testid="rule-threshold-input" />
            </Form.Item>
            <Form.Item name="weight" label={t('ov.warn.weight')} rules={[{ required: true, message: t('ov.required') }]}>
              <InputNumber min={0} max={100} precision={0} data-testid="rule-weight" />
            </Form.Item>
            {kind.startsWith('repeat_') ? (
              <Form.Item name="windowDays" label={t('ov.warn.window')} rules={[{ required: true, message: t('ov.required') }]}>
                <InputNumber min={1} max={3650} precision={0} />
              </Form.Item>
            ) : null}
          </Flex>
          {kind === 'keywords' ? (
            <Form.Item name="keywords" label={t('ov.warn.keywords')} rules={[{ required: true, whitespace: true, message: t('ov.required') }]} extra={t('ov.warn.keywordsHint')}>
              <Input.TextArea rows={3} data-testid="rule-keywords" />
            </Form.Item>
          ) : null}
        </Form>
      </div>
    </Modal>
  );
}

function KeyPersonsTab({ orgCode, setOrgCode }: { orgCode: string | undefined; setOrgCode: (c: string | undefined) => void }) {
  const t = useT();
  const { message } = App.useApp();
  const persons = useKeyPersons(orgCode);
  const add = useAddKeyPerson();
  const [adding, setAdding] = useState(false);
  const [form] = Form.useForm<{ name: string; idNumber: string; category: (typeof keyPersonCategories)[number]; note?: string }>();
  const [error, setError] = useState<string | null>(null);
  const submit = async () => {
    const v = await form.validateFields();
    try {
      await add.mutateAsync({ name: v.name.trim(), idNumber: v.idNumber.trim(), category: v.category, orgCode: orgCode!, ...(v.note?.trim() ? { note: v.note.trim() } : {}) });
      message.success(t('ov.saved'));
      setAdding(false);
      form.resetFields();
    } catch (cause) {
      setError(cause instanceof Error ? cause.message : String(cause));
    }
  };
  return (
    <div data-testid="key-persons-tab">
      <Flex gap={8} wrap className="ov-toolbar">
        <UnitPicker value={orgCode} onChange={setOrgCode} />
        <Button icon={<Icon name="plus" />} onClick={() => setAdding(true)} data-testid="key-person-add">
          {t('ov.warn.addKeyPerson')}
        </Button>
      </Flex>
      <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
        {t('ov.warn.keyPersonsHint')}
      </Typography.Paragraph>
      {persons.isError ? (
        <ErrorBlock error={persons.error} />
      ) : (
        <Table
          size="small"
          rowKey="id"
          loading={persons.isPending}
          dataSource={persons.data?.items ?? []}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          columns={[
            { title: t('ov.warn.personName'), dataIndex: 'name' },
            { title: t('d.party.idNumber'), dataIndex: 'idNumber', render: (v: string) => <span className="tabular">{v}</span> },
            { title: t('ov.warn.category'), dataIndex: 'category', render: (v: (typeof keyPersonCategories)[number]) => keyPersonCategoryLabels[v] },
            { title: t('ov.unitCode'), dataIndex: 'orgCode', render: (v: string) => <span className="tabular">{v}</span> },
            { title: t('ov.screening.note'), dataIndex: 'note' },
          ]}
        />
      )}
      <Modal
        open={adding}
        title={t('ov.warn.addKeyPerson')}
        onCancel={() => setAdding(false)}
        onOk={() => void submit().catch(() => undefined)}
        okButtonProps={{ loading: add.isPending }}
        cancelText={t('common.cancel')}
        destroyOnHidden
      >
        {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} /> : null}
        <Form form={form} layout="vertical" initialValues={{ category: 'released_prisoner' }}>
          <Form.Item name="name" label={t('ov.warn.personName')} rules={[{ required: true, whitespace: true, message: t('ov.required') }]}>
            <Input maxLength={50} />
          </Form.Item>
          <Form.Item name="idNumber" label={t('d.party.idNumber')} rules={[{ required: true, len: 18, message: t('ov.warn.idHint') }]}>
            <Input maxLength={18} />
          </Form.Item>
          <Form.Item name="category" label={t('ov.warn.category')}>
            <Select options={keyPersonCategories.map((c) => ({ value: c, label: keyPersonCategoryLabels[c] }))} />
          </Form.Item>
          <Form.Item name="note" label={t('ov.screening.note')}>
            <Input.TextArea rows={2} maxLength={500} />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}

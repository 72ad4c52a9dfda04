import { useState } from 'react';
import { Alert, App, Col, Form, Input, InputNumber, Modal, Row, Select, Space, Switch } from 'antd';
import { handlingLevels, type CategoryRules, type HandlingLevel, type TimeLimit } from '@shizhi/domain';
import { useT, type MessageKey } from '../../i18n/index.ts';
import { isApiError } from '../../lib/api-client.ts';
import { useUpdateCategory, type CategoryUpdate, type EventCategory } from '../../lib/events-api.ts';
import { handlingLevelLabels, limitUnitLabels, onRedLabels, onRedOf, type OnRed } from './category-labels.ts';

type LimitKind = keyof CategoryRules['limits'];
const limitKinds: readonly LimitKind[] = ['accept', 'handle', 'verify'];
const limitLabels: Record<LimitKind, MessageKey> = {
  accept: 'events.clock.accept',
  handle: 'events.clock.handle',
  verify: 'events.clock.verify',
};
const limitUnits: readonly TimeLimit['unit'][] = ['workingHours', 'workingDays', 'hours', 'naturalDays'];
const onRedChoices: readonly OnRed[] = ['supervise', 'escalate', 'none'];

interface CategoryForm {
  name: string;
  handlingLevel: HandlingLevel;
  department?: string;
  limits: Record<LimitKind, TimeLimit>;
  /** Percent of the allowed working time, as people say it (75 %, 100 %). */
  yellowPercent: number;
  redPercent: number;
  onRed: OnRed;
  active: boolean;
}

function toForm(category: EventCategory): CategoryForm {
  const { rules } = category;
  return {
    name: category.name,
    handlingLevel: rules.handlingLevel,
    department: rules.department ?? '',
    limits: rules.limits,
    yellowPercent: Math.round(rules.warn.yellow * 100),
    redPercent: Math.round(rules.warn.red * 100),
    onRed: onRedOf(rules),
    active: category.active,
  };
}

/** JSON with sorted keys: the database keeps rules as jsonb, which does not keep key order. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  );
}

function toRules(values: CategoryForm): CategoryRules {
  return {
    handlingLevel: values.handlingLevel,
    department: values.department?.trim() ? values.department.trim() : null,
    limits: values.limits,
    warn: { yellow: values.yellowPercent / 100, red: values.redPercent / 100 },
    onRed: values.onRed,
  };
}

type FormField =
  | ['name' | 'department' | 'handlingLevel' | 'onRed' | 'yellowPercent' | 'redPercent']
  | ['limits', LimitKind, 'value' | 'unit'];

/** A field the API refused (`rules.limits.handle.value` …) as the form's own field. */
function formField(apiField: string): FormField | null {
  const [top, group, item, leaf] = apiField.split('.');
  if (top === 'name') return ['name'];
  if (top !== 'rules') return null;
  if (group === 'limits' && limitKinds.includes(item as LimitKind)) return ['limits', item as LimitKind, leaf === 'unit' ? 'unit' : 'value'];
  if (group === 'warn') return [item === 'red' ? 'redPercent' : 'yellowPercent'];
  if (group === 'department' || group === 'handlingLevel' || group === 'onRed') return [group];
  return null;
}

/** 编辑分类: each save is a new version; events already filed keep the rules they were filed under. */
export function CategoryEditModal({ category, onClose }: { category: EventCategory; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<CategoryForm>();
  const update = useUpdateCategory();
  const [error, setError] = useState<string | null>(null);
  const active = Form.useWatch('active', form);
  const initial = toForm(category);

  const submit = async () => {
    const values = await form.validateFields();
    setError(null);
    const rules = toRules(values);
    const change: CategoryUpdate = {
      ...(values.name.trim() !== category.name ? { name: values.name.trim() } : {}),
      ...(canonical(rules) !== canonical({ ...category.rules, onRed: onRedOf(category.rules) }) ? { rules } : {}),
      ...(values.active !== category.active ? { active: values.active } : {}),
    };
    if (Object.keys(change).length === 0) {
      message.info(t('categories.unchanged'));
      onClose();
      return;
    }
    try {
      const saved = await update.mutateAsync({ code: category.code, change });
      message.success(t('categories.saved', { version: saved.version }));
      onClose();
    } catch (cause) {
      const field = isApiError(cause) && cause.field ? formField(cause.field) : null;
      if (field && isApiError(cause)) form.setFields([{ name: field, errors: [cause.message] }]);
      else setError(cause instanceof Error ? cause.message : String(cause));
    }
  };

  return (
    <Modal
      open
      width={680}
      title={t('categories.editTitle', { code: category.code, name: category.name, version: category.version })}
      onCancel={onClose}
      onOk={() => void submit().catch(() => undefined)}
      okText={t('categories.save')}
      okButtonProps={{ loading: update.isPending, 'data-testid': 'category-save' }}
      cancelText={t('common.cancel')}
      destroyOnHidden
      mask={{ closable: false }}
    >
      <div data-testid="category-modal" data-code={category.code}>
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('categories.versionHint')}
          description={category.parentCode === null ? t('categories.parentHint') : undefined}
        />
        {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} /> : null}
        <Form<CategoryForm> form={form} layout="vertical" initialValues={initial} requiredMark>
          <Row gutter={16}>
            <Col xs={24} sm={12}>
              <Form.Item
                name="name"
                label={t('common.name')}
                rules={[
                  { required: true, whitespace: true, message: t('categories.nameRequired') },
                  { min: 2, max: 50, message: t('categories.nameLength') },
                ]}
              >
                <Input maxLength={50} data-testid="category-name" />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12}>
              <Form.Item name="handlingLevel" label={t('categories.handlingLevel')} rules={[{ required: true }]}>
                <Select<HandlingLevel>
                  data-testid="category-level"
                  options={handlingLevels.map((level) => ({ value: level, label: t(handlingLevelLabels[level]) }))}
                />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item name="department" label={t('categories.department')} extra={t('categories.departmentHint')}>
            <Input maxLength={20} data-testid="category-department" placeholder={t('categories.departmentPlaceholder')} />
          </Form.Item>
          {limitKinds.map((kind) => (
            <Form.Item key={kind} label={t(limitLabels[kind])} required style={{ marginBottom: 12 }}>
              <Space.Compact>
                <Form.Item
                  name={['limits', kind, 'value']}
                  noStyle
                  rules={[
                    { required: true, message: t('categories.limitRequired') },
                    ({ getFieldValue }) => ({
                      validator: async (_rule, value: number | null) => {
                        const unit = getFieldValue(['limits', kind, 'unit']) as TimeLimit['unit'];
                        if (value !== null && (unit === 'workingDays' || unit === 'naturalDays') && !Number.isInteger(value)) {
                          throw new Error(t('categories.wholeDays'));
                        }
                      },
                    }),
                  ]}
                >
                  <InputNumber min={0.5} max={720} step={1} style={{ width: 120 }} data-testid={`category-limit-${kind}`} />
                </Form.Item>
                <Form.Item name={['limits', kind, 'unit']} noStyle>
                  <Select<TimeLimit['unit']>
                    style={{ width: 140 }}
                    data-testid={`category-limit-${kind}-unit`}
                    options={limitUnits.map((unit) => ({ value: unit, label: t(limitUnitLabels[unit]) }))}
                  />
                </Form.Item>
              </Space.Compact>
            </Form.Item>
          ))}
          <Row gutter={16}>
            <Col xs={12} sm={8}>
              <Form.Item
                name="yellowPercent"
                label={t('categories.yellow')}
                rules={[{ required: true, message: t('categories.limitRequired') }]}
                extra={t('categories.yellowHint')}
              >
                <InputNumber min={1} max={100} precision={0} suffix="%" style={{ width: '100%' }} data-testid="category-yellow" />
              </Form.Item>
            </Col>
            <Col xs={12} sm={8}>
              <Form.Item
                name="redPercent"
                label={t('categories.red')}
                dependencies={['yellowPercent']}
                rules={[
                  { required: true, message: t('categories.limitRequired') },
                  ({ getFieldValue }) => ({
                    validator: async (_rule, value: number | null) => {
                      const yellow = getFieldValue('yellowPercent') as number | null;
                      if (value !== null && yellow !== null && value <= yellow) throw new Error(t('categories.redAfterYellow'));
                    },
                  }),
                ]}
                extra={t('categories.redHint')}
              >
                <InputNumber min={1} max={200} precision={0} suffix="%" style={{ width: '100%' }} data-testid="category-red" />
              </Form.Item>
            </Col>
            <Col xs={24} sm={8}>
              <Form.Item name="onRed" label={t('categories.onRed')}>
                <Select<OnRed>
                  data-testid="category-on-red"
                  options={onRedChoices.map((choice) => ({ value: choice, label: t(onRedLabels[choice]) }))}
                />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item name="active" label={t('categories.active')} valuePropName="checked" style={{ marginBottom: 0 }}>
            <Switch data-testid="category-active" />
          </Form.Item>
          {active === false && category.active ? (
            <Alert type="warning" showIcon style={{ marginTop: 8 }} title={t('categories.deactivateHint')} />
          ) : null}
        </Form>
      </div>
    </Modal>
  );
}

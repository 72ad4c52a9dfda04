import { Button, Card, Col, Form, Input, Row, Select } from 'antd';
import { checkIdNumber, partyRoleLabels, partyRoles, type DisputePartyInput } from '@shizhi/domain';
import { useLabel, useT } from '../i18n/index.ts';
import { Icon } from './icon.tsx';

export type PartyFormValue = Pick<DisputePartyInput, 'role' | 'kind' | 'name'> & { idNumber?: string; phone?: string; address?: string };

export const emptyParty = (role: PartyFormValue['role']): PartyFormValue => ({ role, kind: 'person', name: '' });

/** The form's parties as the API takes them: blanks left out, ID numbers in capitals. */
export function partiesForApi(parties: readonly PartyFormValue[]): DisputePartyInput[] {
  return parties.map((p) => ({
    role: p.role,
    kind: p.kind,
    name: p.name.trim(),
    ...(p.idNumber?.trim() ? { idNumber: p.idNumber.trim().toUpperCase() } : {}),
    ...(p.phone?.trim() ? { phone: p.phone.trim() } : {}),
    ...(p.address?.trim() ? { address: p.address.trim() } : {}),
  }));
}

/** 主要当事人: role, name, ID number (checked as it is typed), phone and address, as many as needed. */
export function DisputePartyFields({ name = 'parties' }: { name?: string }) {
  const t = useT();
  const label = useLabel();
  return (
    <Form.List name={name}>
      {(fields, { add, remove }) => (
        <div className="dp-parties">
          {fields.map((field, index) => (
            <Card
              key={field.key}
              size="small"
              className="dp-party"
              data-testid={`party-${index}`}
              title={`#${index + 1}`}
              extra={
                fields.length > 1 ? (
                  <Button type="link" danger size="small" onClick={() => remove(field.name)} data-testid={`party-${index}-remove`}>
                    {t('d.party.remove')}
                  </Button>
                ) : null
              }
            >
              <Row gutter={12}>
                <Col xs={12} md={6}>
                  <Form.Item name={[field.name, 'role']} label={t('d.party.role')} rules={[{ required: true }]}>
                    <Select options={partyRoles.map((r) => ({ value: r, label: label(partyRoleLabels[r]) }))} data-testid={`party-${index}-role`} />
                  </Form.Item>
                </Col>
                <Col xs={12} md={6}>
                  <Form.Item name={[field.name, 'kind']} label={t('d.party.kind')}>
                    <Select
                      options={[
                        { value: 'person', label: t('d.party.person') },
                        { value: 'organisation', label: t('d.party.organisation') },
                      ]}
                    />
                  </Form.Item>
                </Col>
                <Col xs={24} md={12}>
                  <Form.Item name={[field.name, 'name']} label={t('d.party.name')} rules={[{ required: true, whitespace: true, message: t('d.reg.required') }]}>
                    <Input maxLength={60} data-testid={`party-${index}-name`} />
                  </Form.Item>
                </Col>
                <Col xs={24} md={12}>
                  <Form.Item
                    name={[field.name, 'idNumber']}
                    label={t('d.party.idNumber')}
                    rules={[
                      {
                        validator: async (_, value: string | undefined) => {
                          if (value?.trim() && !checkIdNumber(value.trim().toUpperCase()).valid) throw new Error('公民身份号码无效 / invalid ID number');
                        },
                      },
                    ]}
                  >
                    <Input maxLength={18} className="tabular" data-testid={`party-${index}-id`} />
                  </Form.Item>
                </Col>
                <Col xs={24} md={12}>
                  <Form.Item
                    name={[field.name, 'phone']}
                    label={t('d.party.phone')}
                    rules={[{ pattern: /^1\d{10}$/, message: '请填写11位手机号码 / an 11-digit mobile number' }]}
                  >
                    <Input maxLength={11} inputMode="tel" className="tabular" data-testid={`party-${index}-phone`} />
                  </Form.Item>
                </Col>
                <Col xs={24}>
                  <Form.Item name={[field.name, 'address']} label={t('d.party.address')} style={{ marginBottom: 0 }}>
                    <Input maxLength={100} />
                  </Form.Item>
                </Col>
              </Row>
            </Card>
          ))}
          <Button icon={<Icon name="plus" />} onClick={() => add(emptyParty('respondent'))} data-testid="party-add" block type="dashed">
            {t('d.party.add')}
          </Button>
        </div>
      )}
    </Form.List>
  );
}

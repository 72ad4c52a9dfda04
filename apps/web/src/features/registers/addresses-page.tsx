import { useCallback, useEffect, useState, type Key } from 'react';
import { Alert, App, Button, Card, Col, Empty, Form, Input, List, Modal, Row, Tag, Tree, Typography } from 'antd';
import type { TreeDataNode } from 'antd';
import { Link } from 'react-router';
import { Icon } from '../../components/icon.tsx';
import { OrgTreeSelect } from '../../components/org-tree-select.tsx';
import { ErrorBlock, LoadingBlock } from '../../components/page-states.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { useT, type MessageKey } from '../../i18n/index.ts';
import { fetchAddressChildren, useAddressChildren, useAddressSearch, useCreateAddress, type AddressLevel, type AddressNode } from '../../lib/registers-api.ts';
import { can, useMe } from '../../lib/session.ts';
import { GridSelect, gridRule } from './form-support.tsx';
import './registers.css';

const nextLevel: Record<AddressLevel, AddressLevel | null> = { compound: 'building', building: 'unit', unit: 'room', room: null };
const levelColours: Record<AddressLevel, string> = { compound: 'blue', building: 'geekblue', unit: 'cyan', room: 'default' };

interface AddTarget {
  parent: AddressNode | null;
  level: AddressLevel;
}

/**
 * 一标 standard addresses: a community's compounds and streets, opened level by level (楼栋 → 单元 →
 * 户室), each room with its house and residents; a child added in place; any address found by text.
 */
export function AddressesPage() {
  const t = useT();
  const me = useMe().data;
  const canEdit = Boolean(me && can(me, 'registers.edit'));
  // A worker in one community or grid opens on it: the village is the first 12 digits of the unit.
  const ownUnit = me?.assignments.map((a) => a.orgCode).find((c) => /^\d{12,15}$/.test(c));
  const [unit, setUnit] = useState<string | undefined>(ownUnit?.slice(0, 12));
  useEffect(() => {
    if (!unit && ownUnit) setUnit(ownUnit.slice(0, 12));
  }, [ownUnit, unit]);
  const village = unit && unit.length >= 12 ? unit.slice(0, 12) : null;
  const [adding, setAdding] = useState<AddTarget | null>(null);

  return (
    <div data-testid="registers-addresses-page">
      <PageHeader title={t('menu.addresses')} subtitle={t('r.a.subtitle')} />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={15}>
          <Card
            size="small"
            title={
              <OrgTreeSelect value={unit} onChange={setUnit} placeholder={t('r.a.pickVillage')} style={{ width: 280, maxWidth: '100%' }} testId="address-village" />
            }
            extra={
              canEdit && village ? (
                <Button size="small" icon={<Icon name="plus" />} onClick={() => setAdding({ parent: null, level: 'compound' })} data-testid="address-add-compound">
                  {t('r.a.addCompound')}
                </Button>
              ) : null
            }
          >
            {village ? (
              <AddressTree key={village} village={village} canEdit={canEdit} onAdd={setAdding} />
            ) : (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('r.a.pickVillageHint')} />
            )}
          </Card>
        </Col>
        <Col xs={24} xl={9}>
          <AddressSearchCard />
        </Col>
      </Row>
      {adding && village ? <AddAddressModal target={adding} village={village} onClose={() => setAdding(null)} /> : null}
    </div>
  );
}

interface NodeData extends TreeDataNode {
  node: AddressNode;
  children?: NodeData[];
}

function toTreeNode(node: AddressNode): NodeData {
  return { key: node.id, title: node.name, isLeaf: node.level === 'room' || node.children === 0, node };
}

function AddressTree({ village, canEdit, onAdd }: { village: string; canEdit: boolean; onAdd: (target: AddTarget) => void }) {
  const t = useT();
  const roots = useAddressChildren({ village });
  const [childrenOf, setChildrenOf] = useState<Record<string, AddressNode[]>>({});
  const [expanded, setExpanded] = useState<Key[]>([]);

  const load = useCallback(async (id: string) => {
    const children = await fetchAddressChildren({ parent: id });
    setChildrenOf((previous) => ({ ...previous, [id]: children }));
  }, []);

  // A child added under an opened node shows at once.
  const refreshOpened = useCallback(() => {
    void roots.refetch();
    for (const id of Object.keys(childrenOf)) void load(id);
  }, [roots, childrenOf, load]);
  useEffect(() => {
    window.addEventListener('shizhi:addresses-changed', refreshOpened);
    return () => window.removeEventListener('shizhi:addresses-changed', refreshOpened);
  }, [refreshOpened]);

  if (roots.isPending) return <LoadingBlock minHeight={160} />;
  if (roots.isError) return <ErrorBlock error={roots.error} onRetry={() => void roots.refetch()} />;
  if (roots.data.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('r.a.empty')} />;

  const build = (node: AddressNode): NodeData => {
    const loaded = childrenOf[node.id];
    const base = toTreeNode(node);
    return loaded ? { ...base, isLeaf: loaded.length === 0, children: loaded.map(build) } : base;
  };

  return (
    <Tree<NodeData>
      data-testid="address-tree"
      blockNode
      showLine
      treeData={roots.data.map(build)}
      expandedKeys={expanded}
      onExpand={(keys) => setExpanded(keys)}
      loadData={(node) => (childrenOf[node.node.id] ? Promise.resolve() : load(node.node.id))}
      titleRender={(data) => <AddressTitle node={data.node} canEdit={canEdit} onAdd={onAdd} />}
      style={{ maxHeight: 640, overflow: 'auto' }}
    />
  );
}

function AddressTitle({ node, canEdit, onAdd }: { node: AddressNode; canEdit: boolean; onAdd: (target: AddTarget) => void }) {
  const t = useT();
  const child = nextLevel[node.level];
  return (
    <span className="rg-tree-node" data-testid={`address-node-${node.code}`} data-level={node.level}>
      <Tag color={levelColours[node.level]} style={{ marginInlineEnd: 0 }}>
        {t(`r.a.level.${node.level}` as MessageKey)}
      </Tag>
      <span>{node.name}</span>
      {node.level !== 'room' && node.children > 0 ? <span className="rg-muted">{t('r.a.children', { n: node.children })}</span> : null}
      {node.level === 'room' ? (
        node.house ? (
          <Link to={`/registers/houses/${node.house.id}`} onClick={(e) => e.stopPropagation()} className="tabular">
            {t('r.a.house', { code: node.house.code })}
          </Link>
        ) : node.house === null ? (
          <span className="rg-muted">{t('r.a.noHouse')}</span>
        ) : (
          <Link to={`/registers/houses?address=${encodeURIComponent(node.fullName)}`} onClick={(e) => e.stopPropagation()}>
            {t('menu.houses')}
          </Link>
        )
      ) : null}
      {typeof node.residents === 'number' ? <Tag style={{ marginInlineEnd: 0 }}>{t('r.a.residents', { n: node.residents })}</Tag> : null}
      {node.level === 'room' ? (
        <Link to={`/registers/people?address=${encodeURIComponent(node.fullName)}`} onClick={(e) => e.stopPropagation()} className="rg-muted">
          {t('r.h.residents')}
        </Link>
      ) : null}
      <span className="rg-muted tabular">{node.code}</span>
      {canEdit && child ? (
        <Button
          size="small"
          type="link"
          className="rg-tree-actions"
          icon={<Icon name="plus" />}
          onClick={(e) => {
            e.stopPropagation();
            onAdd({ parent: node, level: child });
          }}
          data-testid={`address-add-${node.code}`}
        >
          {t('r.a.addChild')}
        </Button>
      ) : null}
    </span>
  );
}

function AddressSearchCard() {
  const t = useT();
  const [q, setQ] = useState('');
  const search = useAddressSearch(q);
  return (
    <Card size="small" title={t('r.a.search')} data-testid="address-search">
      <Input.Search allowClear placeholder={t('r.a.searchPlaceholder')} onSearch={(v) => setQ(v.trim())} data-testid="address-search-input" />
      {q.length >= 2 ? (
        search.isError ? (
          <ErrorBlock error={search.error} />
        ) : (
          <List<AddressNode>
            size="small"
            loading={search.isFetching}
            dataSource={search.data ?? []}
            locale={{ emptyText: t('r.a.noResults') }}
            style={{ marginTop: 8 }}
            renderItem={(a) => (
              <List.Item data-testid="address-search-result">
                <div style={{ width: '100%' }}>
                  <div className="rg-link-row">
                    <Tag color={levelColours[a.level]} style={{ marginInlineEnd: 0 }}>
                      {t(`r.a.level.${a.level}` as MessageKey)}
                    </Tag>
                    <span>{a.fullName}</span>
                  </div>
                  <div className="rg-link-row rg-muted">
                    <span className="tabular">{a.code}</span>
                    <Link to={`/registers/people?address=${encodeURIComponent(a.fullName)}`}>{t('menu.people')}</Link>
                    <Link to={`/registers/houses?address=${encodeURIComponent(a.fullName)}`}>{t('menu.houses')}</Link>
                  </div>
                </div>
              </List.Item>
            )}
          />
        )
      ) : (
        <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0', fontSize: 12 }}>
          {t('r.a.searchPlaceholder')}
        </Typography.Paragraph>
      )}
    </Card>
  );
}

function AddAddressModal({ target, village, onClose }: { target: AddTarget; village: string; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const create = useCreateAddress();
  const [form] = Form.useForm<{ name: string; gridCode?: string }>();
  const [error, setError] = useState<string | null>(null);
  const levelName = t(`r.a.level.${target.level}` as MessageKey);
  const asksGrid = target.level === 'compound' || target.level === 'building';
  const submit = async () => {
    const values = await form.validateFields();
    setError(null);
    try {
      await create.mutateAsync({
        level: target.level,
        name: values.name.trim(),
        ...(target.parent ? { parentId: target.parent.id } : { villageCode: village }),
        ...(values.gridCode ? { gridCode: values.gridCode } : {}),
      });
      message.success(t('r.a.added'));
      window.dispatchEvent(new Event('shizhi:addresses-changed'));
      onClose();
    } catch (cause) {
      setError(cause instanceof Error ? cause.message : String(cause));
    }
  };
  return (
    <Modal
      open
      title={t('r.a.addTitle', { level: levelName })}
      okText={t('r.save')}
      cancelText={t('common.cancel')}
      onOk={() => void submit().catch(() => undefined)}
      onCancel={onClose}
      okButtonProps={{ loading: create.isPending, 'data-testid': 'address-add-submit' }}
      destroyOnHidden
    >
      <div data-testid="address-add-modal" data-level={target.level}>
        {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} /> : null}
        <Form form={form} layout="vertical" requiredMark initialValues={{ gridCode: target.parent?.gridCode }}>
          {target.parent ? (
            <Form.Item label={t('r.a.parent')}>
              <span>{target.parent.fullName}</span>
            </Form.Item>
          ) : null}
          <Form.Item name="name" label={t('r.a.name')} rules={[{ required: true, whitespace: true, message: t('r.required') }]}>
            <Input maxLength={100} placeholder={t('r.a.namePlaceholder')} autoFocus data-testid="address-add-name" />
          </Form.Item>
          {asksGrid ? (
            <Form.Item
              name="gridCode"
              label={t('r.a.grid')}
              extra={target.parent ? t('r.a.gridHint') : undefined}
              rules={target.parent ? [] : [gridRule(t('r.form.gridOnly'))]}
              required={!target.parent}
            >
              <GridSelect testId="address-add-grid" />
            </Form.Item>
          ) : null}
        </Form>
      </div>
    </Modal>
  );
}

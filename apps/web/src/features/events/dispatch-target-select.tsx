import { useMemo, useState, type ReactElement } from 'react';
import { Flex, Segmented, Select, Tag, TreeSelect } from 'antd';
import type { EventSummary, OrgUnit } from '@shizhi/domain';
import { LevelTag } from '../../components/level-tag.tsx';
import { useT } from '../../i18n/index.ts';
import { useOrgUnit } from '../../lib/org-queries.ts';
import { isOrgLeaf, useOrgChildren } from '../../lib/use-org-children.ts';

interface TargetOption {
  value: string;
  title: string;
  isLeaf: boolean;
  disabled?: boolean;
  children?: TargetOption[];
}

interface Labeled {
  value: string;
  label: string;
}

type Tab = 'territory' | 'departments';

// value/onChange are optional: inside a Form.Item the form supplies them.
type SingleProps = { multiple?: false; value?: string | undefined; onChange?: (value: string | undefined) => void };
type MultipleProps = { multiple: true; value?: string[] | undefined; onChange?: (value: string[]) => void };

export type DispatchTargetSelectProps = (SingleProps | MultipleProps) & {
  /** The centre that owns the event: targets are units below it. */
  ownerCode: string;
  /** Codes that may not be chosen here (the lead, when picking co-handlers). */
  exclude?: readonly string[];
  /** Offer the county's member departments (成员单位) when the user may see them. */
  departments?: boolean;
  /** The category's usual department (a name fragment such as 应急): listed first and marked. */
  suggest?: string | null;
  placeholder?: string;
  testId?: string;
};

/**
 * 派遣对象: the units below the owning centre, opened level by level, and the member departments
 * on a tab of their own. The API checks the choice again; this only spares the user a refused request.
 */
export function DispatchTargetSelect(props: DispatchTargetSelectProps) {
  const { ownerCode, exclude = [], departments = true, suggest = null, placeholder, testId } = props;
  const t = useT();
  const owner = useOrgUnit(ownerCode);
  const county = useOrgUnit(departments ? ownerCode.slice(0, 6) : undefined);
  const { childrenOf, load } = useOrgChildren('territory');
  const [tab, setTab] = useState<Tab | null>(null);

  const { territory, departmentNodes, units } = useMemo(() => {
    const byCode = new Map<string, OrgUnit>();
    const build = (unit: OrgUnit): TargetOption => {
      byCode.set(unit.code, unit);
      const loaded = childrenOf[unit.code];
      return {
        value: unit.code,
        title: unit.name,
        isLeaf: isOrgLeaf(unit) || (loaded !== undefined && loaded.length === 0),
        disabled: exclude.includes(unit.code),
        ...(loaded ? { children: loaded.map(build) } : {}),
      };
    };
    const isSuggested = (u: OrgUnit) => Boolean(suggest && u.name.includes(suggest));
    const depts = (county.data?.children ?? [])
      .filter((u) => u.level === 'department')
      .sort((a, b) => Number(isSuggested(b)) - Number(isSuggested(a)));
    return {
      territory: (owner.data?.children ?? []).filter((u) => u.level !== 'department').map(build),
      departmentNodes: depts.map(build),
      units: byCode,
    };
  }, [owner.data, county.data, childrenOf, exclude, suggest]);

  const hasDepartments = departmentNodes.length > 0;
  // District staff mostly dispatch to a department when the category names one.
  const activeTab: Tab = tab ?? (hasDepartments && suggest ? 'departments' : 'territory');
  const treeData = activeTab === 'departments' && hasDepartments ? departmentNodes : territory;
  const labeled = (code: string): Labeled => ({ value: code, label: units.get(code)?.name ?? code });

  const common = {
    'data-testid': testId,
    labelInValue: true,
    treeData,
    loadData: (node: { value?: string | number; children?: unknown }) =>
      node.children ? Promise.resolve() : load(String(node.value)).then(() => undefined),
    showSearch: { treeNodeFilterProp: 'title' },
    placeholder,
    loading: owner.isLoading,
    style: { width: '100%' },
    listHeight: 300,
    popupRender: (menu: ReactElement) =>
      hasDepartments ? (
        <div onMouseDown={(event) => event.preventDefault()}>
          <Segmented<Tab>
            block
            size="small"
            value={activeTab}
            onChange={setTab}
            data-testid={testId ? `${testId}-tabs` : undefined}
            style={{ margin: '2px 4px 6px' }}
            options={[
              { value: 'territory', label: t('events.dispatch.territory') },
              { value: 'departments', label: t('events.dispatch.departments') },
            ]}
          />
          {menu}
        </div>
      ) : (
        menu
      ),
    treeTitleRender: (node: TargetOption) => {
      const unit = units.get(String(node.value));
      return (
        <Flex gap={6} align="center">
          <span>{node.title}</span>
          {unit ? <LevelTag level={unit.level} kind={unit.kind} /> : null}
          {unit && suggest && unit.level === 'department' && unit.name.includes(suggest) ? (
            <Tag color="gold" style={{ marginInlineEnd: 0 }}>
              {t('events.dispatch.suggested')}
            </Tag>
          ) : null}
        </Flex>
      );
    },
  };

  if (props.multiple) {
    return (
      <TreeSelect<Labeled[], TargetOption>
        {...common}
        multiple
        allowClear
        value={(props.value ?? []).map(labeled)}
        onChange={(value) => props.onChange?.((value ?? []).map((v) => v.value))}
      />
    );
  }
  return (
    <TreeSelect<Labeled | undefined, TargetOption>
      {...common}
      value={props.value ? labeled(props.value) : undefined}
      onChange={(value) => props.onChange?.(value?.value)}
    />
  );
}

/**
 * 下派对象: the lower centres on the event's own path (its street, its community). Codes nest, and
 * the grid's ancestors, clipped to what the user may see, name them.
 */
export function HandDownTargetSelect({
  event,
  value,
  onChange,
  testId,
}: {
  event: Pick<EventSummary, 'gridCode' | 'ownerOrgCode'>;
  value?: string | undefined;
  onChange?: (value: string | undefined) => void;
  testId?: string;
}) {
  const t = useT();
  const grid = useOrgUnit(event.gridCode ?? undefined);
  if (!event.gridCode) {
    return (
      <DispatchTargetSelect
        ownerCode={event.ownerOrgCode}
        departments={false}
        value={value}
        onChange={onChange}
        placeholder={t('events.handDown.placeholder')}
        testId={testId}
      />
    );
  }
  const candidates = (grid.data?.ancestors ?? []).filter(
    (a) =>
      (a.level === 'village' || a.level === 'township') &&
      a.code !== event.ownerOrgCode &&
      a.code.startsWith(event.ownerOrgCode),
  );
  return (
    <Select<string>
      data-testid={testId}
      value={value}
      onChange={onChange}
      loading={grid.isLoading}
      placeholder={t('events.handDown.placeholder')}
      style={{ width: '100%' }}
      notFoundContent={grid.isLoading ? undefined : t('events.handDown.none')}
      options={candidates.map((a) => ({ value: a.code, label: a.name }))}
    />
  );
}

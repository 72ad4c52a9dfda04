import { useEffect, useMemo, type CSSProperties } from 'react';
import { Flex, TreeSelect } from 'antd';
import type { OrgUnit } from '@shizhi/domain';
import { useOrgRoots, useOrgUnit } from '../lib/org-queries.ts';
import { belongsToTree, isOrgLeaf, useOrgChildren, type OrgTreeMode } from '../lib/use-org-children.ts';
import { LevelTag } from './level-tag.tsx';

interface OrgOption {
  value: string;
  title: string;
  isLeaf: boolean;
  children?: OrgOption[];
}

export interface OrgTreeSelectProps {
  value: string | undefined;
  onChange: (code: string | undefined) => void;
  mode?: OrgTreeMode;
  placeholder?: string;
  allowClear?: boolean;
  style?: CSSProperties;
  testId?: string;
}

/** A unit picker over the user's scope; levels load as they are opened. */
export function OrgTreeSelect({
  value,
  onChange,
  mode = 'territory',
  placeholder,
  allowClear = false,
  style,
  testId,
}: OrgTreeSelectProps) {
  const roots = useOrgRoots();
  const selected = useOrgUnit(value);
  const { childrenOf, load } = useOrgChildren(mode);

  // Open the path to a unit chosen elsewhere (e.g. from the URL) so its name, not its code, shows.
  const ancestors = selected.data?.ancestors;
  useEffect(() => {
    if (!ancestors) return;
    for (const ancestor of ancestors) {
      if (ancestor.code !== value) void load(ancestor.code).catch(() => undefined);
    }
  }, [ancestors, value, load]);

  const { treeData, unitsByCode } = useMemo(() => {
    const units = new Map<string, OrgUnit>();
    const build = (unit: OrgUnit): OrgOption => {
      const loaded = childrenOf[unit.code];
      units.set(unit.code, unit);
      return {
        value: unit.code,
        title: unit.name,
        isLeaf: isOrgLeaf(unit) || (loaded !== undefined && loaded.length === 0),
        ...(loaded ? { children: loaded.map(build) } : {}),
      };
    };
    const data = (roots.data?.roots ?? []).filter((u) => belongsToTree(u, mode)).map(build);
    return { treeData: data, unitsByCode: units };
  }, [roots.data, childrenOf, mode]);

  const expandedDefault = useMemo(() => ancestors?.map((a) => a.code) ?? [], [ancestors]);

  return (
    <TreeSelect<string, OrgOption>
      data-testid={testId}
      value={value}
      onChange={(code) => onChange(code ?? undefined)}
      treeData={treeData}
      loadData={(node) => load(String(node.value))}
      treeDefaultExpandedKeys={expandedDefault}
      showSearch={{ treeNodeFilterProp: 'title' }}
      allowClear={allowClear}
      placeholder={placeholder}
      loading={roots.isLoading}
      style={style}
      popupMatchSelectWidth={false}
      listHeight={360}
      treeTitleRender={(node) => {
        const unit = unitsByCode.get(String(node.value));
        return (
          <Flex gap={6} align="center">
            <span>{node.title}</span>
            {unit ? <LevelTag level={unit.level} kind={unit.kind} /> : null}
          </Flex>
        );
      }}
    />
  );
}

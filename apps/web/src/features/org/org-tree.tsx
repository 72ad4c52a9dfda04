import { useEffect, useMemo, useRef, useState } from 'react';
import { Empty, Flex, Tree, Typography } from 'antd';
import type { GetRef, TreeDataNode } from 'antd';
import type { OrgUnit } from '@shizhi/domain';
import { LevelTag } from '../../components/level-tag.tsx';
import { useFormatNumber, useT } from '../../i18n/index.ts';
import { isOrgLeaf, useOrgChildren, type OrgTreeMode } from '../../lib/use-org-children.ts';

interface OrgTreeNode extends TreeDataNode {
  key: string;
  unit: OrgUnit;
  children?: OrgTreeNode[];
}

export interface OrgTreeProps {
  mode: OrgTreeMode;
  roots: OrgUnit[];
  selectedCode: string | undefined;
  /** Codes from the root down to the selected unit's parent; opened so the selection shows. */
  pathToSelected: readonly string[];
  onSelect: (code: string) => void;
  height: number;
}

/** The org hierarchy, one level fetched per expand (GET /api/org-units/{code}). */
export function OrgTree({ mode, roots, selectedCode, pathToSelected, onSelect, height }: OrgTreeProps) {
  const t = useT();
  const formatNumber = useFormatNumber();
  const { childrenOf, load } = useOrgChildren(mode);
  const [expandedKeys, setExpandedKeys] = useState<string[]>(() => roots.slice(0, 1).map((r) => r.code));
  const treeRef = useRef<GetRef<typeof Tree>>(null);

  // Load and open every level above the selection (it may have come from a link or the URL),
  // and the selection itself, so its children show.
  useEffect(() => {
    const path = selectedCode ? [...pathToSelected, selectedCode] : [...pathToSelected];
    if (path.length === 0) return;
    setExpandedKeys((keys) => [...new Set([...keys, ...path])]);
    for (const code of path) void load(code).catch(() => undefined);
  }, [pathToSelected, selectedCode, load]);

  useEffect(() => {
    for (const code of expandedKeys) if (!childrenOf[code]) void load(code).catch(() => undefined);
  }, [expandedKeys, childrenOf, load]);

  const treeData = useMemo(() => {
    const build = (unit: OrgUnit): OrgTreeNode => {
      const loaded = childrenOf[unit.code];
      return {
        key: unit.code,
        unit,
        isLeaf: isOrgLeaf(unit) || (loaded !== undefined && loaded.length === 0),
        ...(loaded ? { children: loaded.map(build) } : {}),
      };
    };
    return roots.map(build);
  }, [roots, childrenOf]);

  const selectedVisible = useMemo(() => {
    if (!selectedCode) return false;
    const stack = [...treeData];
    while (stack.length) {
      const node = stack.pop();
      if (node?.key === selectedCode) return true;
      if (node?.children) stack.push(...node.children);
    }
    return false;
  }, [treeData, selectedCode]);

  useEffect(() => {
    if (!selectedCode || !selectedVisible) return;
    const timer = window.setTimeout(() => treeRef.current?.scrollTo({ key: selectedCode, align: 'auto' }), 50);
    return () => window.clearTimeout(timer);
  }, [selectedCode, selectedVisible]);

  if (roots.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />;

  return (
    <div data-testid="org-tree" data-mode={mode}>
      <Tree<OrgTreeNode>
        ref={treeRef}
        blockNode
        showLine
        height={height}
        treeData={treeData}
        expandedKeys={expandedKeys}
        loadedKeys={Object.keys(childrenOf)}
        onExpand={(keys) => setExpandedKeys(keys.map(String))}
        loadData={(node) => load(node.key).then(() => undefined)}
        selectedKeys={selectedCode ? [selectedCode] : []}
        onSelect={(_keys, info) => onSelect(info.node.key)}
        titleRender={(node) => (
          <Flex align="center" gap={6} data-testid={`org-node-${node.key}`} style={{ minWidth: 0 }}>
            <Typography.Text ellipsis style={{ maxWidth: 200 }}>
              {node.unit.name}
            </Typography.Text>
            <LevelTag level={node.unit.level} kind={node.unit.kind} />
            {mode !== 'departments' && node.unit.level !== 'grid' && node.unit.gridCount > 0 ? (
              <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'nowrap' }}>
                {t('org.gridCountShort', { n: formatNumber(node.unit.gridCount) })}
              </Typography.Text>
            ) : null}
          </Flex>
        )}
      />
    </div>
  );
}

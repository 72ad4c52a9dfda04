import { useState } from 'react';
import { Select, Tag } from 'antd';
import { useT, type MessageKey } from '../../i18n/index.ts';
import { useAddressSearch, type AddressLevel } from '../../lib/registers-api.ts';

/** A standard address found by any part of its text; only `levels` may be picked (a house sits on a room). */
export function AddressPicker({
  value,
  onChange,
  initial,
  levels,
  testId,
  onPicked,
}: {
  value?: string | null;
  onChange?: (id: string | null) => void;
  initial: { id: string; fullName: string } | null;
  levels: readonly AddressLevel[];
  testId?: string;
  onPicked?: (address: { id: string; fullName: string; gridCode: string } | null) => void;
}) {
  const t = useT();
  const [q, setQ] = useState('');
  const search = useAddressSearch(q);
  const found = search.data ?? [];
  const options = [
    ...(initial && !found.some((a) => a.id === initial.id) ? [{ value: initial.id, label: initial.fullName, disabled: false }] : []),
    ...found.map((a) => ({
      value: a.id,
      disabled: !levels.includes(a.level),
      label: (
        <span>
          <Tag style={{ marginInlineEnd: 6 }}>{t(`r.a.level.${a.level}` as MessageKey)}</Tag>
          {a.fullName}
        </span>
      ),
    })),
  ];
  return (
    <Select
      value={value ?? undefined}
      allowClear
      showSearch={{ filterOption: false, onSearch: setQ }}
      placeholder={t('r.h.addressHint')}
      loading={search.isFetching}
      notFoundContent={q.trim().length >= 2 && !search.isFetching ? t('r.a.noResults') : null}
      options={options}
      onChange={(id: string | undefined) => {
        onChange?.(id ?? null);
        const node = found.find((a) => a.id === id);
        onPicked?.(node ? { id: node.id, fullName: node.fullName, gridCode: node.gridCode } : null);
      }}
      popupMatchSelectWidth={false}
      data-testid={testId}
    />
  );
}

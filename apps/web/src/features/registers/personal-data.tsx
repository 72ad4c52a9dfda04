import { useState, type ReactNode } from 'react';
import { Button, Tooltip } from 'antd';
import { Icon } from '../../components/icon.tsx';
import { PurposeModal } from '../../components/purpose-modal.tsx';
import { useT } from '../../i18n/index.ts';
import { useRevealPersonalData, type PersonalData, type RegisterEntity } from '../../lib/registers-api.ts';

/**
 * 查看完整 for one record: asks the purpose, then holds the whole values for as long as the page is
 * open (they are never cached in the query cache, so leaving the page forgets them).
 */
export function useReveal(entity: RegisterEntity, id: string) {
  const t = useT();
  const reveal = useRevealPersonalData(entity, id);
  const [whole, setWhole] = useState<PersonalData | null>(null);
  const [asking, setAsking] = useState(false);
  const modal: ReactNode = asking ? (
    <PurposeModal
      title={t('r.reveal.title')}
      hint={t('r.reveal.hint')}
      okText={t('r.reveal.ok')}
      onSubmit={async (purpose) => setWhole(await reveal.mutateAsync(purpose))}
      onClose={() => setAsking(false)}
      testId="reveal-modal"
    />
  ) : null;
  return { whole, ask: () => setAsking(true), modal };
}

/** A masked value with 查看完整 beside it when the user may; the whole value once revealed. */
export function MaskedValue({
  masked,
  whole,
  canReveal,
  onReveal,
  testId,
}: {
  masked: string | null;
  whole: string | null | undefined;
  canReveal: boolean;
  onReveal: () => void;
  testId: string;
}) {
  const t = useT();
  if (!masked && whole === undefined) return <span className="rg-muted">—</span>;
  if (whole !== undefined) {
    return (
      <Tooltip title={t('r.reveal.shown')}>
        <span className="tabular rg-whole" data-testid={testId} data-whole="true">
          {whole ?? '—'} <Icon name="lock" />
        </span>
      </Tooltip>
    );
  }
  return (
    <span className="rg-masked">
      <span className="tabular" data-testid={testId}>
        {masked}
      </span>
      {canReveal ? (
        <Button size="small" type="link" onClick={onReveal} data-testid={`${testId}-reveal`} style={{ paddingInline: 4 }}>
          {t('r.reveal')}
        </Button>
      ) : null}
    </span>
  );
}

import { useState } from 'react';
import { App, Button, Dropdown } from 'antd';
import { Icon } from '../../components/icon.tsx';
import { PurposeModal } from '../../components/purpose-modal.tsx';
import { useT } from '../../i18n/index.ts';
import { downloadRegisterExport, type RegisterEntity, type RegisterListParams } from '../../lib/registers-api.ts';

/**
 * 导出 Excel of what the list's filters select: masked for everyone; with registers.personal_data a
 * second choice exports whole ID numbers and phones after asking the purpose (audited by the API).
 */
export function ExportButton({ entity, params, canWhole }: { entity: RegisterEntity; params: RegisterListParams; canWhole: boolean }) {
  const t = useT();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const [asking, setAsking] = useState(false);
  const run = async (whole: { purpose: string } | null) => {
    setBusy(true);
    try {
      await downloadRegisterExport(entity, params, whole);
      message.success(t('r.export.done'));
    } finally {
      setBusy(false);
    }
  };
  const masked = () => void run(null).catch((cause: unknown) => message.error(cause instanceof Error ? cause.message : String(cause)));
  return (
    <>
      {canWhole ? (
        <Dropdown.Button
          icon={<Icon name="download" />}
          loading={busy}
          onClick={masked}
          menu={{
            items: [
              { key: 'masked', label: <span data-testid="export-masked">{t('r.export.masked')}</span> },
              { key: 'whole', label: <span data-testid="export-whole">{t('r.export.whole')}</span> },
            ],
            onClick: ({ key }) => (key === 'whole' ? setAsking(true) : masked()),
          }}
          data-testid="register-export"
        >
          {t('r.export')}
        </Dropdown.Button>
      ) : (
        <Button icon={<Icon name="download" />} loading={busy} onClick={masked} data-testid="register-export">
          {t('r.export')}
        </Button>
      )}
      {asking ? (
        <PurposeModal
          title={t('r.export.wholeTitle')}
          hint={t('r.export.wholeHint')}
          okText={t('r.export')}
          onSubmit={(purpose) => run({ purpose })}
          onClose={() => setAsking(false)}
          testId="export-purpose"
        />
      ) : null}
    </>
  );
}

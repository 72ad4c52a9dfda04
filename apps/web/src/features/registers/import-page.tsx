import { useState } from 'react';
import { App, Button, Card, Flex, Radio, Typography, Upload } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import type { RegisterKind } from '@shizhi/domain';
import { Icon } from '../../components/icon.tsx';
import { PageHeader } from '../../components/page-header.tsx';
import { useLocale, useT } from '../../i18n/index.ts';
import { registersQueryKey } from '../../lib/registers-api.ts';
import { downloadImportTemplate, registerImportsQueryKey, registerQualityQueryKey, type IdCheck, type ImportMode } from '../../lib/registers-imports-api.ts';
import { useMe } from '../../lib/session.ts';
import { formatBytes, importKinds } from './import-format.ts';
import { ImportHistory } from './import-history.tsx';
import { ImportRunCard } from './import-run-card.tsx';
import { startImport, useImportRun } from './import-session.ts';
import './import-quality.css';

const acceptedFiles = '.xlsx,.csv,.txt,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * 数据导入: the register, its template, the file, how bad rows are treated and how strictly ID numbers
 * are checked; then the upload and the server's reading as two live bars, the outcome, and the recent
 * imports in the user's area with their error reports.
 */
export function ImportPage() {
  const t = useT();
  const { locale } = useLocale();
  const { message } = App.useApp();
  const me = useMe().data;
  const queryClient = useQueryClient();
  const run = useImportRun();
  const busy = run?.stage === 'uploading' || run?.stage === 'processing';
  const [kind, setKind] = useState<RegisterKind>(run?.kind ?? 'population');
  const [file, setFile] = useState<File | null>(null);
  const [mode, setMode] = useState<ImportMode>(run?.mode ?? 'all_or_nothing');
  const [idCheck, setIdCheck] = useState<IdCheck>(run?.idCheck ?? 'strict');
  const [templateBusy, setTemplateBusy] = useState(false);

  const downloadTemplate = async () => {
    setTemplateBusy(true);
    try {
      await downloadImportTemplate(kind);
    } catch (cause) {
      message.error(cause instanceof Error ? cause.message : String(cause));
    } finally {
      setTemplateBusy(false);
    }
  };

  const start = () => {
    if (!file || busy) return;
    startImport({ kind, file, mode, idCheck, csrfToken: me?.csrfToken ?? null, locale }, () => {
      void queryClient.invalidateQueries({ queryKey: registerImportsQueryKey });
      void queryClient.invalidateQueries({ queryKey: registerQualityQueryKey });
      void queryClient.invalidateQueries({ queryKey: registersQueryKey });
    });
    setFile(null);
  };

  return (
    <div data-testid="register-import-page">
      <PageHeader title={t('menu.registerImports')} subtitle={t('ri.subtitle')} />
      <div className="ri-layout">
        <Card size="small" title={t('ri.form.title')} className="ri-form" data-testid="import-form">
          <div className="ri-field">
            <div className="ri-label">{t('ri.kind')}</div>
            <Flex gap={8} wrap align="center">
              <Radio.Group
                optionType="button"
                buttonStyle="solid"
                value={kind}
                disabled={busy}
                onChange={(e) => setKind(e.target.value as RegisterKind)}
                options={importKinds.map((k) => ({ value: k, label: <span data-testid={`import-kind-${k}`}>{t(`ri.kind.${k}`)}</span> }))}
              />
              <Button type="link" icon={<Icon name="download" />} loading={templateBusy} onClick={() => void downloadTemplate()} data-testid="import-template">
                {t('ri.template', { kind: t(`ri.kind.${kind}`) })}
              </Button>
            </Flex>
            <div className="ri-hint">{t('ri.template.hint')}</div>
          </div>

          <div className="ri-field">
            <div className="ri-label">{t('ri.file')}</div>
            <Upload.Dragger
              accept={acceptedFiles}
              multiple={false}
              showUploadList={false}
              disabled={busy}
              beforeUpload={(chosen) => {
                setFile(chosen);
                return false;
              }}
              data-testid="import-file"
            >
              <div className="ri-drop">
                <span className="ri-drop-icon">
                  <Icon name="cloudUpload" />
                </span>
                <div>{t('ri.file.drop')}</div>
                <div className="ri-hint">{t('ri.file.hint')}</div>
              </div>
            </Upload.Dragger>
            {file ? (
              <div className="ri-chosen" data-testid="import-chosen-file">
                <Icon name="form" />
                <span className="ri-chosen-name" title={file.name}>
                  {file.name}
                </span>
                <span className="ri-muted tabular">{formatBytes(file.size, locale)}</span>
                <Button type="text" size="small" onClick={() => setFile(null)} aria-label={t('ri.file.remove')} icon={<Icon name="close" />} />
              </div>
            ) : null}
          </div>

          <div className="ri-field">
            <div className="ri-label">{t('ri.mode')}</div>
            <Radio.Group value={mode} disabled={busy} onChange={(e) => setMode(e.target.value as ImportMode)} className="ri-choices">
              {(['good_rows', 'all_or_nothing'] as const).map((m) => (
                <Radio key={m} value={m} data-testid={`import-mode-${m}`}>
                  <span className="ri-choice-title">{t(`ri.mode.${m}`)}</span>
                  <span className="ri-choice-hint">{t(`ri.mode.${m}.hint`)}</span>
                </Radio>
              ))}
            </Radio.Group>
          </div>

          <div className="ri-field">
            <div className="ri-label">{t('ri.idCheck')}</div>
            <Radio.Group value={idCheck} disabled={busy} onChange={(e) => setIdCheck(e.target.value as IdCheck)} className="ri-choices">
              {(['strict', 'warn'] as const).map((c) => (
                <Radio key={c} value={c} data-testid={`import-idcheck-${c}`}>
                  <span className="ri-choice-title">{t(`ri.idCheck.${c}`)}</span>
                  <span className="ri-choice-hint">{t(`ri.idCheck.${c}.hint`)}</span>
                </Radio>
              ))}
            </Radio.Group>
          </div>

          <Flex gap={12} align="center" wrap>
            <Button type="primary" size="large" icon={<Icon name="cloudUpload" />} disabled={!file || busy} onClick={start} data-testid="import-start">
              {t('ri.start')}
            </Button>
            {!file && !busy ? <Typography.Text type="secondary">{t('ri.start.needFile')}</Typography.Text> : null}
            {busy ? <Typography.Text type="secondary">{t('ri.start.busy')}</Typography.Text> : null}
          </Flex>
        </Card>

        <ImportRunCard run={run} />
      </div>
      <ImportHistory busy={busy} />
    </div>
  );
}

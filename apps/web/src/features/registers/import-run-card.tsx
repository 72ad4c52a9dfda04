import { useState } from 'react';
import { Alert, App, Button, Card, Flex, Progress, Tag } from 'antd';
import { Link } from 'react-router';
import { Icon } from '../../components/icon.tsx';
import { useFormatNumber, useLocale, useT } from '../../i18n/index.ts';
import { downloadImportErrors, type ImportSummary } from '../../lib/registers-imports-api.ts';
import { encodingText, formatBytes, importStatusColours, percentOf, registerListPath } from './import-format.ts';
import { cancelImportUpload, clearImportRun, type ImportRun } from './import-session.ts';

/** The right-hand card: what to expect before a file, the two bars while it runs, the outcome after. */
export function ImportRunCard({ run }: { run: ImportRun | null }) {
  const t = useT();
  if (!run) {
    return (
      <Card size="small" title={t('ri.help.title')} className="ri-run" data-testid="import-help">
        <ul className="ri-help">
          <li>{t('ri.help.columns')}</li>
          <li>{t('ri.help.encoding')}</li>
          <li>{t('ri.help.match')}</li>
          <li>{t('ri.help.order')}</li>
          <li>{t('ri.help.errors')}</li>
        </ul>
      </Card>
    );
  }
  return (
    <Card
      size="small"
      className="ri-run"
      title={
        <span className="ri-run-title">
          <Tag style={{ marginInlineEnd: 0 }}>{t(`ri.kind.${run.kind}`)}</Tag>
          <span className="ri-chosen-name" title={run.fileName}>
            {run.fileName}
          </span>
        </span>
      }
      data-testid="import-run"
      data-stage={run.stage}
    >
      <ImportBars run={run} />
      {run.stage === 'finished' && run.summary ? <ImportResult summary={run.summary} rowsPerSecond={run.rowsPerSecond} fileBytes={run.fileBytes} /> : null}
      {run.stage === 'failed' ? (
        <Alert
          type="error"
          showIcon
          title={run.error ? t('ri.failed') : t('ri.cancelled')}
          description={run.error ?? t('ri.cancelled.hint')}
          data-testid="import-failed"
          style={{ marginTop: 12 }}
        />
      ) : null}
      {run.stage === 'finished' || run.stage === 'failed' ? (
        <Flex justify="flex-end" style={{ marginTop: 12 }}>
          <Button onClick={clearImportRun} data-testid="import-again">
            {t('ri.again')}
          </Button>
        </Flex>
      ) : null}
    </Card>
  );
}

function ImportBars({ run }: { run: ImportRun }) {
  const t = useT();
  const { locale } = useLocale();
  const formatNumber = useFormatNumber();
  const uploaded = run.stage !== 'uploading';
  const p = run.progress;
  const readDone = run.stage === 'finished';
  const readPercent = p ? percentOf(p.bytesRead, p.bytesTotal, readDone) : readDone ? 100 : 0;
  const phase = readDone ? 'done' : (p?.phase ?? (uploaded ? 'queued' : 'waiting'));
  return (
    <div className="ri-bars">
      <div className="ri-bar" data-testid="import-upload-progress" data-percent={percentOf(run.sent, run.fileBytes, uploaded)}>
        <div className="ri-bar-head">
          <span>
            <span className="ri-step">1</span>
            {t('ri.bar.upload')}
          </span>
          <span className="ri-muted tabular">
            {formatBytes(run.sent, locale)} / {formatBytes(run.fileBytes, locale)}
          </span>
        </div>
        <Progress
          percent={percentOf(run.sent, run.fileBytes, uploaded)}
          status={run.stage === 'uploading' ? 'active' : run.stage === 'failed' && !uploaded ? 'exception' : 'success'}
          strokeColor={run.stage === 'uploading' ? '#1554b0' : undefined}
        />
        {run.stage === 'uploading' ? (
          <Flex justify="space-between" align="center" gap={8} wrap>
            <span className="ri-hint">{t('ri.bar.upload.stay')}</span>
            <Button size="small" onClick={cancelImportUpload} data-testid="import-cancel">
              {t('ri.cancel')}
            </Button>
          </Flex>
        ) : null}
      </div>
      <div className="ri-bar" data-testid="import-process-progress" data-percent={readPercent} data-phase={phase}>
        <div className="ri-bar-head">
          <span>
            <span className="ri-step">2</span>
            {t('ri.bar.process')}
          </span>
          <span className="ri-muted">{t(`ri.phase.${phase}`)}</span>
        </div>
        <Progress
          percent={readPercent}
          status={run.stage === 'processing' ? 'active' : run.stage === 'finished' ? (run.summary?.status === 'done' ? 'success' : 'exception') : 'normal'}
          strokeColor={run.stage === 'processing' ? '#1554b0' : undefined}
        />
        <div className="ri-stats" data-testid="import-live-stats">
          <Stat label={t('ri.stat.rows')} value={formatNumber(p?.rows ?? 0)} testId="import-stat-rows" />
          <Stat label={t('ri.stat.good')} value={formatNumber(p?.goodRows ?? 0)} testId="import-stat-good" tone="good" />
          <Stat label={t('ri.stat.bad')} value={formatNumber(p?.badRows ?? 0)} testId="import-stat-bad" tone={p && p.badRows > 0 ? 'bad' : undefined} />
          <Stat label={t('ri.stat.speed')} value={run.rowsPerSecond === null || !p?.rows ? '—' : t('ri.stat.perSecond', { n: formatNumber(Math.round(run.rowsPerSecond)) })} testId="import-stat-speed" />
        </div>
        {run.stage === 'processing' ? <div className="ri-hint">{t('ri.bar.process.leave')}</div> : null}
      </div>
    </div>
  );
}

function Stat({ label, value, testId, tone }: { label: string; value: string; testId: string; tone?: 'good' | 'bad' | undefined }) {
  return (
    <div className={`ri-stat${tone ? ` ri-stat-${tone}` : ''}`} data-testid={testId}>
      <div className="ri-stat-value tabular">{value}</div>
      <div className="ri-stat-label">{label}</div>
    </div>
  );
}

function ImportResult({ summary, rowsPerSecond, fileBytes }: { summary: ImportSummary; rowsPerSecond: number | null; fileBytes: number }) {
  const t = useT();
  const { locale } = useLocale();
  const { message } = App.useApp();
  const formatNumber = useFormatNumber();
  const [downloading, setDownloading] = useState<'xlsx' | 'csv' | null>(null);
  const explanation = locale === 'en' ? (summary.messageEn ?? summary.message) : summary.message;
  const download = async (format: 'xlsx' | 'csv') => {
    setDownloading(format);
    try {
      await downloadImportErrors(summary.importId, format);
    } catch (cause) {
      message.error(cause instanceof Error ? cause.message : String(cause));
    } finally {
      setDownloading(null);
    }
  };
  const loaded = summary.status === 'done';
  return (
    <div className="ri-result" data-testid="import-result" data-status={summary.status} data-import-id={summary.importId}>
      <Flex align="center" gap={8} wrap className="ri-result-head">
        <Tag color={importStatusColours[summary.status]} style={{ marginInlineEnd: 0 }} data-testid="import-result-status">
          {t(`ri.status.${summary.status}`)}
        </Tag>
        <span className="ri-result-title">{loaded ? (summary.bad > 0 ? t('ri.result.partly', { n: formatNumber(summary.bad) }) : t('ri.result.all')) : t('ri.result.none')}</span>
      </Flex>
      <div className="ri-stats ri-result-counts">
        <Stat label={t('ri.count.created')} value={formatNumber(summary.created)} testId="import-result-created" tone={summary.created > 0 ? 'good' : undefined} />
        <Stat label={t('ri.count.updated')} value={formatNumber(summary.updated)} testId="import-result-updated" />
        <Stat label={t('ri.count.unchanged')} value={formatNumber(summary.unchanged)} testId="import-result-unchanged" />
        <Stat label={t('ri.count.bad')} value={formatNumber(summary.bad)} testId="import-result-bad" tone={summary.bad > 0 ? 'bad' : undefined} />
      </div>
      <dl className="ri-facts">
        <dt>{t('ri.fact.total')}</dt>
        <dd className="tabular" data-testid="import-result-total">{formatNumber(summary.totalRows)}</dd>
        <dt>{t('ri.fact.encoding')}</dt>
        <dd data-testid="import-result-encoding">{encodingText(summary.encoding)}</dd>
        <dt>{t('ri.fact.time')}</dt>
        <dd className="tabular">
          {t('ri.fact.seconds', { n: summary.seconds.toFixed(1) })}
          {rowsPerSecond !== null && summary.totalRows > 0 ? ` · ${t('ri.stat.perSecond', { n: formatNumber(Math.round(rowsPerSecond)) })}` : ''}
        </dd>
        <dt>{t('ri.fact.size')}</dt>
        <dd className="tabular">{formatBytes(fileBytes, locale)}</dd>
      </dl>
      {explanation ? (
        <Alert type={loaded ? 'info' : 'warning'} showIcon title={loaded ? t('ri.result.note') : t('ri.result.refused')} description={explanation} data-testid="import-result-message" />
      ) : null}
      <Flex gap={8} wrap style={{ marginTop: 12 }}>
        {summary.hasErrorFile ? (
          <Button type="primary" danger icon={<Icon name="download" />} loading={downloading === 'xlsx'} onClick={() => void download('xlsx')} data-testid="import-error-report">
            {t('ri.errors.download')}
          </Button>
        ) : null}
        {summary.hasErrorCsv ? (
          <Button icon={<Icon name="download" />} loading={downloading === 'csv'} onClick={() => void download('csv')} data-testid="import-error-report-csv">
            {t('ri.errors.downloadCsv')}
          </Button>
        ) : null}
        {loaded && summary.created + summary.updated > 0 ? (
          <Link to={registerListPath[summary.kind]}>
            <Button icon={<Icon name="arrowRight" />} data-testid="import-to-register">
              {t('ri.toRegister', { kind: t(`ri.kind.${summary.kind}`) })}
            </Button>
          </Link>
        ) : null}
      </Flex>
    </div>
  );
}

import { Button, Card, Flex, Tag, Typography } from 'antd';
import type { DisputeAction, DisputeDetail } from '@shizhi/domain';
import { Icon } from '../../components/icon.tsx';
import { useT, type MessageKey } from '../../i18n/index.ts';
import { apiUrl } from '../../lib/api-client.ts';

type DocumentKind = 'agreement' | 'judicial-confirmation';

/** A document straight from the API: the browser saves it under the name the server gives. */
function DownloadButtons({ disputeId, kind }: { disputeId: string; kind: DocumentKind }) {
  const t = useT();
  const href = (format: 'pdf' | 'docx') => apiUrl(`/disputes/${encodeURIComponent(disputeId)}/documents/${kind}.${format}`);
  return (
    <Flex gap={6} wrap>
      <Button size="small" icon={<Icon name="download" />} href={href('pdf')} download data-testid={`doc-${kind}-pdf`}>
        PDF
      </Button>
      <Button size="small" icon={<Icon name="download" />} href={href('docx')} download data-testid={`doc-${kind}-docx`}>
        {t('d.doc.word')}
      </Button>
    </Flex>
  );
}

/**
 * 调解协议书 and 司法确认申请书: download while the API offers them, their state (signed, applied,
 * confirmed, rejected), and the workflow steps that record it when the case allows them.
 */
export function DocumentsCard({ detail, onAction }: { detail: DisputeDetail; onAction: (action: DisputeAction) => void }) {
  const t = useT();
  const { agreement, judicialConfirmation: judicial } = detail.documents;
  const allowed = (a: DisputeAction) => detail.allowedActions.includes(a);
  return (
    <Card title={t('d.detail.documents')} size="small" data-testid="dispute-documents">
      <div className="dp-box" data-testid="doc-agreement" data-available={String(agreement.available)} data-signed={agreement.signedOn ? 'true' : 'false'}>
        <div className="dp-box-head">
          <span className="dp-box-title">{t('d.doc.agreement')}</span>
          {agreement.signedOn ? (
            <Tag color="green" style={{ marginInlineEnd: 0 }}>
              {t('d.doc.signed', { on: agreement.signedOn })}
            </Tag>
          ) : agreement.generatedAt ? (
            <Tag color="blue" style={{ marginInlineEnd: 0 }}>{t('d.doc.generated')}</Tag>
          ) : null}
        </div>
        {agreement.number ? <div className="dp-muted tabular">{agreement.number}</div> : null}
        {agreement.available ? (
          <Flex gap={6} wrap style={{ marginTop: 6 }}>
            <DownloadButtons disputeId={detail.dispute.id} kind="agreement" />
            {allowed('record_signing') ? (
              <Button size="small" type="primary" onClick={() => onAction('record_signing')} data-testid="doc-record-signing">
                {t('d.doc.recordSigning')}
              </Button>
            ) : null}
          </Flex>
        ) : (
          <Typography.Text type="secondary" style={{ fontSize: 13 }}>
            {t('d.doc.agreementNotYet')}
          </Typography.Text>
        )}
      </div>
      <div className="dp-box" data-testid="doc-judicial" data-available={String(judicial.available)} data-state={judicial.state ?? 'none'} style={{ marginTop: 8 }}>
        <div className="dp-box-head">
          <span className="dp-box-title">{t('d.doc.judicial')}</span>
          {judicial.state ? (
            <Tag color={judicial.state === 'confirmed' ? 'green' : judicial.state === 'rejected' ? 'red' : 'processing'} style={{ marginInlineEnd: 0 }}>
              {t(`d.judicial.${judicial.state}` as MessageKey)}
            </Tag>
          ) : null}
        </div>
        {judicial.court || judicial.caseNumber ? (
          <div className="dp-muted">
            {[judicial.court, judicial.caseNumber, judicial.on].filter(Boolean).join(' · ')}
          </div>
        ) : null}
        {judicial.reason ? <div className="dp-text">{t('d.doc.rejectedReason', { reason: judicial.reason })}</div> : null}
        {judicial.deadline && !judicial.state ? <div className="dp-muted">{t('d.doc.applyBy', { date: judicial.deadline })}</div> : null}
        {judicial.available ? (
          <Flex gap={6} wrap style={{ marginTop: 6 }}>
            <DownloadButtons disputeId={detail.dispute.id} kind="judicial-confirmation" />
            {allowed('record_judicial') ? (
              <Button size="small" onClick={() => onAction('record_judicial')} data-testid="doc-record-judicial">
                {t('d.doc.recordJudicial')}
              </Button>
            ) : null}
          </Flex>
        ) : (
          <Typography.Text type="secondary" style={{ fontSize: 13 }}>
            {t('d.doc.judicialNotYet')}
          </Typography.Text>
        )}
      </div>
    </Card>
  );
}

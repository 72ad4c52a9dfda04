import { useState } from 'react';
import { Alert, App, Button, Empty, Image, Input, Timeline } from 'antd';
import { Link, useSearchParams } from 'react-router';
import { EventStateTag } from '../../components/event-state-tag.tsx';
import { useTimelineActionLabel } from '../../components/event-timeline.tsx';
import { H5Card, H5Page } from '../../components/h5-layout.tsx';
import { Icon, type IconName } from '../../components/icon.tsx';
import { LoadingBlock } from '../../components/page-states.tsx';
import { useFormatDateTime, useT, type MessageKey } from '../../i18n/index.ts';
import { isApiError } from '../../lib/api-client.ts';
import { ratingLabel, ratingLabels, ratings, type Rating } from '../../lib/event-labels.ts';
import { isServiceMissing, usePublicPhotos, usePublicTrack, useRatePublicEvent, type PublicTrack } from './citizen-api.ts';
import './citizen.css';

const ratingIcons: Record<Rating, IconName> = { satisfied: 'smile', basically_satisfied: 'meh', unsatisfied: 'frown' };

/** What the citizen is told at each step the API shows them (it leaves the internal ones out). */
const milestoneLabels: Record<string, MessageKey> = {
  report: 'c.milestone.report',
  accept: 'c.milestone.accept',
  reject: 'c.milestone.reject',
  dispatch: 'c.milestone.dispatch',
  sign: 'c.milestone.sign',
  feedback: 'c.milestone.feedback',
  self_handle: 'c.milestone.self_handle',
  verify_pass: 'c.milestone.verify_pass',
  close_with_parent: 'c.milestone.close_with_parent',
  rate: 'c.milestone.rate',
};
const doneActions = new Set(['verify_pass', 'close_with_parent', 'rate']);

/** Tracking codes are read aloud and typed on phones: ignore case, spaces and dashes. */
function normaliseCode(value: string): string {
  return value.toUpperCase().replace(/[\s-]/g, '');
}

/** 进度查询: a citizen enters the tracking code and sees where the matter stands, and rates it once closed. */
export function CitizenTrackPage() {
  const t = useT();
  const [params, setParams] = useSearchParams();
  const code = params.get('code') ? normaliseCode(params.get('code') ?? '') : null;
  const [input, setInput] = useState(code ?? '');
  const track = usePublicTrack(code);

  const search = () => {
    const next = normaliseCode(input);
    if (next) setParams({ code: next }, { replace: true });
  };

  return (
    <H5Page
      title={t('c.trackTitle')}
      testId="c-track-page"
      actions={
        <Link to="/c/report" className="c-bar-link" data-testid="c-to-report">
          {t('c.reportShort')}
        </Link>
      }
    >
      <H5Card title={t('c.trackCodeLabel')} icon="fileSearch">
        <form
          className="c-track-form"
          data-testid="c-track-form"
          onSubmit={(event) => {
            event.preventDefault();
            search();
          }}
        >
          <Input
            size="large"
            value={input}
            onChange={(event) => setInput(event.target.value)}
            placeholder={t('c.trackPlaceholder')}
            maxLength={40}
            autoCapitalize="characters"
            autoComplete="off"
            data-testid="c-track-input"
            allowClear
          />
          <Button size="large" type="primary" htmlType="submit" data-testid="c-track-submit" loading={track.isFetching}>
            {t('c.trackSubmit')}
          </Button>
        </form>
      </H5Card>

      {!code ? (
        <div className="h5-muted" style={{ textAlign: 'center', padding: 8 }}>
          {t('c.trackHint')}
        </div>
      ) : track.isPending ? (
        <H5Card>
          <LoadingBlock minHeight={160} />
        </H5Card>
      ) : track.isError ? (
        <Alert
          type={isServiceMissing(track.error) ? 'warning' : 'error'}
          showIcon
          data-testid="c-track-error"
          title={
            isServiceMissing(track.error)
              ? t('c.serviceMissing')
              : isApiError(track.error) && track.error.status === 404
                ? t('c.trackNotFound')
                : track.error.message
          }
        />
      ) : (
        <TrackResult code={code} track={track.data} />
      )}
    </H5Page>
  );
}

function TrackResult({ code, track }: { code: string; track: PublicTrack }) {
  const t = useT();
  const formatDateTime = useFormatDateTime();
  const rated = ratingLabel(track.rating);
  return (
    <div data-testid="c-track-result" data-state={track.state} style={{ display: 'contents' }}>
      <H5Card>
        <div className="c-track-head">
          <EventStateTag state={track.state} large />
          <span className="h5-muted">{track.categoryName}</span>
        </div>
        <div className="c-title">
          {track.title}
        </div>
        <div className="h5-row">
          <span>{t('events.number')}</span>
          <span className="tabular">{track.number}</span>
        </div>
        <div className="h5-row">
          <span>{t('events.reportedAt')}</span>
          <span className="tabular">{formatDateTime(track.reportedAt)}</span>
        </div>
        {track.closedAt ? (
          <div className="h5-row">
            <span>{t('c.closedAt')}</span>
            <span className="tabular">{formatDateTime(track.closedAt)}</span>
          </div>
        ) : null}
      </H5Card>

      {track.result ? (
        <H5Card title={track.state === 'rejected' ? t('c.rejectReason') : t('c.result')} icon="checkCircle">
          <div className="c-result" data-testid="c-track-answer">
            {track.result}
          </div>
        </H5Card>
      ) : null}

      {track.canRate ? (
        <RateCard code={code} />
      ) : rated ? (
        <H5Card title={t('c.rating')} icon="smile">
          <div data-testid="c-rated">{t('c.ratedAs', { rating: t(rated) })}</div>
        </H5Card>
      ) : null}

      <MyPhotos code={code} />

      <H5Card title={t('c.progress')} icon="fieldTime">
        {track.timeline.length === 0 ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} /> : <PublicTimeline steps={track.timeline} />}
      </H5Card>
    </div>
  );
}

/** The photos the citizen sent with the report (only theirs: what staff added later stays inside). */
function MyPhotos({ code }: { code: string }) {
  const t = useT();
  const photos = usePublicPhotos(code);
  const items = photos.data?.items ?? [];
  if (items.length === 0) return null;
  return (
    <H5Card title={t('c.myPhotos')} icon="camera" extra={t('events.photoCount', { n: items.length })} testId="c-my-photos">
      <div className="c-photos" data-count={items.length}>
        <Image.PreviewGroup>
          {items.map((photo, index) => (
            <Image
              key={photo.id}
              src={photo.url}
              width={96}
              height={96}
              alt={t('m.photos.alt', { n: index + 1 })}
              data-testid="c-my-photo"
              styles={{ image: { objectFit: 'cover', borderRadius: 8 }, root: { borderRadius: 8, overflow: 'hidden' } }}
            />
          ))}
        </Image.PreviewGroup>
      </div>
    </H5Card>
  );
}

function RateCard({ code }: { code: string }) {
  const t = useT();
  const { message } = App.useApp();
  const rate = useRatePublicEvent(code);
  const [comment, setComment] = useState('');
  const [chosen, setChosen] = useState<Rating | null>(null);
  return (
    <H5Card title={t('c.rateTitle')} icon="smile" testId="c-rate">
      <div className="h5-muted" style={{ marginBottom: 10 }}>
        {t('c.rateHint')}
      </div>
      <Input.TextArea
        style={{ marginBottom: 10 }}
        rows={2}
        maxLength={500}
        value={comment}
        onChange={(event) => setComment(event.target.value)}
        placeholder={t('c.commentPlaceholder')}
        data-testid="c-rate-comment"
      />
      <div className="c-rate">
        {ratings.map((r) => (
          <Button
            key={r}
            data-testid={`c-rate-${r}`}
            type={chosen === r ? 'primary' : 'default'}
            loading={rate.isPending && chosen === r}
            disabled={rate.isPending}
            icon={<Icon name={ratingIcons[r]} />}
            onClick={() => {
              setChosen(r);
              rate.mutate(
                { rating: r, ...(comment.trim() ? { comment: comment.trim() } : {}) },
                {
                  onSuccess: () => message.success(t('c.rateThanks')),
                  onError: (cause) => message.error(isServiceMissing(cause) ? t('c.serviceMissing') : cause.message),
                },
              );
            }}
          >
            {t(ratingLabels[r])}
          </Button>
        ))}
      </div>
    </H5Card>
  );
}

/** The milestones, newest first as a parcel tracker shows them: the newest is where the matter stands. */
function PublicTimeline({ steps }: { steps: PublicTrack['timeline'] }) {
  const t = useT();
  const formatDateTime = useFormatDateTime();
  const fallbackLabel = useTimelineActionLabel();
  const newestFirst = [...steps].reverse();
  return (
    <div data-testid="c-track-timeline">
      <Timeline
        items={newestFirst.map((step, index) => {
          const key = milestoneLabels[step.action];
          const current = index === 0;
          return {
            key: `${step.at}-${step.action}`,
            color: step.action === 'reject' ? 'red' : doneActions.has(step.action) || !current ? 'green' : 'blue',
            content: (
              <div className={current ? 'c-step is-current' : 'c-step'} data-testid="c-track-step" data-action={step.action}>
                <div className="c-step-label">{key ? t(key) : fallbackLabel(step.action)}</div>
                <div className="c-step-time tabular">{formatDateTime(step.at)}</div>
              </div>
            ),
          };
        })}
      />
    </div>
  );
}

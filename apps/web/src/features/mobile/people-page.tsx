import { useState } from 'react';
import { Button, Empty, Input, Tag } from 'antd';
import { Link, useParams, useSearchParams } from 'react-router';
import { H5Card, H5Page } from '../../components/h5-layout.tsx';
import { Icon } from '../../components/icon.tsx';
import { ErrorBlock, LoadingBlock, NotFoundResult } from '../../components/page-states.tsx';
import { PurposeModal } from '../../components/purpose-modal.tsx';
import { useT } from '../../i18n/index.ts';
import { isApiError } from '../../lib/api-client.ts';
import { useCodeLabel, usePersonList, usePersonPage, useRevealPersonalData, type PersonalData, type RecordStatus } from '../../lib/registers-api.ts';
import './people-page.css';

const statusColours: Record<RecordStatus, string> = { active: 'green', moved_out: 'default', deregistered: 'red' };

/** 居民查询 on the phone: the people of the worker's own grid (the API keeps it to their scope). */
export function MobilePeoplePage() {
  const t = useT();
  const codeLabel = useCodeLabel();
  const [search, setSearch] = useSearchParams();
  const q = search.get('q') ?? '';
  const [pageSize, setPageSize] = useState(20);
  const list = usePersonList({ ...(q ? { q } : {}), page: 1, pageSize });
  const items = list.data?.items ?? [];
  return (
    <H5Page title={t('m.people')} backTo="/m" testId="m-people-page">
      <H5Card>
        <Input.Search
          size="large"
          allowClear
          defaultValue={q}
          placeholder={t('m.people.search')}
          onSearch={(value) => {
            setPageSize(20);
            setSearch(value.trim() ? { q: value.trim() } : {}, { replace: true });
          }}
          data-testid="m-people-search"
        />
        <div className="h5-muted" style={{ marginTop: 6, fontSize: 12 }}>
          {t('m.people.scope')}
          {list.data ? ` · ${t('r.total', { n: list.data.total })}` : ''}
        </div>
      </H5Card>
      {list.isPending ? (
        <H5Card>
          <LoadingBlock minHeight={160} />
        </H5Card>
      ) : list.isError ? (
        <ErrorBlock error={list.error} onRetry={() => void list.refetch()} />
      ) : items.length === 0 ? (
        <H5Card>
          <Empty description={t('m.people.empty')} />
        </H5Card>
      ) : (
        <div className="m-people" data-testid="m-people">
          {items.map((p) => (
            <Link key={p.id} to={`/m/people/${p.id}`} className="m-person" data-testid="m-person-card">
              <div className="m-person-top">
                <span className="m-person-name">{p.name}</span>
                <span className="h5-muted">
                  {codeLabel('gender', p.gender)} · {p.birthDate ?? '—'}
                </span>
                <Tag color={statusColours[p.status]} style={{ marginInlineStart: 'auto', marginInlineEnd: 0 }}>
                  {t(`r.status.${p.status}`)}
                </Tag>
              </div>
              <div className="m-person-id">{p.idNumberMasked ?? '—'}</div>
              <div className="m-person-meta">
                <Icon name="home" /> {p.residenceAddress ?? p.gridName ?? '—'}
              </div>
            </Link>
          ))}
          {list.data && list.data.total > items.length ? (
            <Button block size="large" loading={list.isFetching} onClick={() => setPageSize((n) => Math.min(100, n + 20))} data-testid="m-people-more">
              {t('m.people.more')}
            </Button>
          ) : null}
        </div>
      )}
    </H5Page>
  );
}

/** One resident, compact: who, where, household, and the whole ID number and phone after a purpose is given. */
export function MobilePersonPage() {
  const t = useT();
  const codeLabel = useCodeLabel();
  const { id } = useParams();
  const page = usePersonPage(id);
  const reveal = useRevealPersonalData('people', id ?? '');
  const [whole, setWhole] = useState<PersonalData | null>(null);
  const [asking, setAsking] = useState(false);

  let body;
  if (page.isPending) body = <LoadingBlock minHeight={200} />;
  else if (page.isError) {
    body =
      isApiError(page.error) && (page.error.status === 404 || page.error.status === 400) ? (
        <NotFoundResult detail={t('r.notFound')} extra={<Link to="/m/people">{t('r.back')}</Link>} />
      ) : (
        <ErrorBlock error={page.error} onRetry={() => void page.refetch()} />
      );
  } else {
    const { person: p, household, house } = page.data;
    const phone = whole?.phone ?? null;
    body = (
      <>
        <H5Card>
          <div className="m-person-top">
            <span className="m-person-name" style={{ fontSize: 20 }} data-testid="m-person-name">
              {p.name}
            </span>
            <Tag color="blue" style={{ marginInlineEnd: 0 }}>
              {codeLabel('personType', p.personType)}
            </Tag>
            <Tag color={statusColours[p.status]} style={{ marginInlineEnd: 0 }}>
              {t(`r.status.${p.status}`)}
            </Tag>
          </div>
          <dl className="m-person-facts">
            <dt>{t('r.f.gender')}</dt>
            <dd>
              {codeLabel('gender', p.gender)} · {p.birthDate ?? '—'} · {codeLabel('ethnicity', p.ethnicity)}
            </dd>
            <dt>{t('r.f.idNumber')}</dt>
            <dd className="tabular" data-testid="m-person-id">
              {whole ? (whole.idNumber ?? '—') : (p.idNumberMasked ?? '—')}
            </dd>
            <dt>{t('r.f.phone')}</dt>
            <dd className="tabular" data-testid="m-person-phone">
              {whole ? phone ? <a href={`tel:${phone}`}>{phone}</a> : '—' : (p.phoneMasked ?? '—')}
            </dd>
            <dt>{t('r.f.residenceAddress')}</dt>
            <dd>{p.address ?? p.residenceAddress ?? '—'}</dd>
            <dt>{t('r.p.grid')}</dt>
            <dd>{`${p.villageName ?? ''} ${p.gridName ?? p.gridCode}`.trim()}</dd>
            {house ? (
              <>
                <dt>{t('r.f.houseCode')}</dt>
                <dd className="tabular">
                  {house.code}
                  {house.rental ? ` · ${t('r.h.rentalYes')}` : ''}
                </dd>
              </>
            ) : null}
          </dl>
          {page.data.canReveal && !whole && (p.idNumberMasked || p.phoneMasked) ? (
            <Button block size="large" icon={<Icon name="lock" />} onClick={() => setAsking(true)} data-testid="m-person-reveal">
              {t('r.reveal')}
            </Button>
          ) : null}
          {page.data.canReveal ? <div className="h5-muted" style={{ fontSize: 12, marginTop: 6 }}>{t('r.reveal.logged')}</div> : null}
        </H5Card>
        {household ? (
          <H5Card title={`${t('r.p.members')} · ${household.number}`} icon="team">
            {household.members.map((m) => (
              <Link key={m.id} to={`/m/people/${m.id}`} className="m-member" data-testid="m-member">
                <span className={m.id === p.id ? 'm-member-self' : undefined}>{m.name}</span>
                <span className="h5-muted">{codeLabel('relationToHead', m.relationToHead)}</span>
                <span className="h5-muted" style={{ marginInlineStart: 'auto' }}>
                  {m.birthDate ?? ''}
                </span>
              </Link>
            ))}
          </H5Card>
        ) : null}
      </>
    );
  }

  return (
    <H5Page title={t('m.person')} backTo="/m/people" testId="m-person-page">
      {body}
      {asking ? (
        <PurposeModal
          title={t('r.reveal.title')}
          hint={t('r.reveal.hint')}
          okText={t('r.reveal.ok')}
          onSubmit={async (purpose) => setWhole(await reveal.mutateAsync(purpose))}
          onClose={() => setAsking(false)}
          testId="m-reveal"
        />
      ) : null}
    </H5Page>
  );
}

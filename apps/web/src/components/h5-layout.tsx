import type { ReactNode } from 'react';
import { Button } from 'antd';
import { useNavigate } from 'react-router';
import { useT } from '../i18n/index.ts';
import { BrandMark } from './brand-mark.tsx';
import { Icon, type IconName } from './icon.tsx';
import { LangToggle } from './lang-toggle.tsx';
import './h5.css';

export interface H5PageProps {
  title: ReactNode;
  /** Where the back arrow leads; without it the bar shows the brand mark. */
  backTo?: string;
  actions?: ReactNode;
  /** A blue band under the bar; the first card overlaps it. */
  hero?: ReactNode;
  testId?: string;
  children: ReactNode;
}

/** The frame of a phone page: a sticky bar (back, title, language, actions) and a column of cards. */
export function H5Page({ title, backTo, actions, hero, testId, children }: H5PageProps) {
  const t = useT();
  const navigate = useNavigate();
  return (
    <div className="h5-page" data-testid={testId}>
      <div className="h5-bar">
        {backTo ? (
          <Button
            type="text"
            className="h5-back"
            aria-label={t('common.back')}
            data-testid="h5-back"
            icon={<Icon name="left" />}
            onClick={() => void navigate(backTo)}
          />
        ) : (
          <BrandMark size={24} />
        )}
        <div className="h5-bar-title">{title}</div>
        <LangToggle light />
        {actions}
      </div>
      {hero ? <div className="h5-hero">{hero}</div> : null}
      <div className={hero ? 'h5-body is-raised' : 'h5-body'}>{children}</div>
    </div>
  );
}

export function H5Card({
  title,
  icon,
  extra,
  testId,
  children,
}: {
  title?: ReactNode;
  icon?: IconName;
  extra?: ReactNode;
  testId?: string;
  children: ReactNode;
}) {
  return (
    <section className="h5-card" data-testid={testId}>
      {title ? (
        <div className="h5-card-title">
          {icon ? <Icon name={icon} /> : null}
          <span>{title}</span>
          {extra ? <span className="h5-card-extra">{extra}</span> : null}
        </div>
      ) : null}
      {children}
    </section>
  );
}

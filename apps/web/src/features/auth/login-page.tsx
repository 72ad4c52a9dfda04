import { useState } from 'react';
import { Alert, Button, Form, Input } from 'antd';
import type { Rule } from 'antd/es/form';
import { Link, Navigate, useLocation, useNavigate } from 'react-router';
import { errorCatalogue, errorMessage, loginRequestSchema, type ErrorCode, type Locale, type LoginRequest, type Me } from '@shizhi/domain';
import { BrandMark } from '../../components/brand-mark.tsx';
import { Icon } from '../../components/icon.tsx';
import { LangToggle } from '../../components/lang-toggle.tsx';
import { useLocale, useT, type Translate } from '../../i18n/index.ts';
import { isApiError } from '../../lib/api-client.ts';
import { homePathOf, useLogin, useMe, usePublicConfig } from '../../lib/session.ts';
import { demoAccounts } from './demo-accounts.ts';
import './login-page.css';

/** The same schema the API validates with; only the messages come from the UI dictionary. */
function fieldRules(field: keyof LoginRequest, t: Translate): Rule[] {
  const required = field === 'username' ? t('login.usernameRequired') : t('login.passwordRequired');
  return [
    {
      validator: async (_rule, value: unknown) => {
        const text = typeof value === 'string' ? value : '';
        if ((field === 'username' ? text.trim() : text).length === 0) throw new Error(required);
        if (!loginRequestSchema.shape[field].safeParse(text).success) throw new Error(t('login.tooLong'));
      },
    },
  ];
}

/** The API localised the message for the language of the request; after a switch, word it again. */
function localisedError(error: { code: string; message: string }, locale: Locale): string {
  return error.code in errorCatalogue ? errorMessage(error.code as ErrorCode, locale) : error.message;
}

export function LoginPage() {
  const t = useT();
  const me = useMe();
  const config = usePublicConfig();
  const login = useLogin();
  const navigate = useNavigate();
  const location = useLocation();
  const [form] = Form.useForm<LoginRequest>();
  const [formError, setFormError] = useState<{ code: string; message: string } | null>(null);
  const { locale } = useLocale();
  const from = (location.state as { from?: string } | null)?.from;

  // Back to the page that sent the visitor here; from the bare root, to the role's home (/m for grid workers).
  const targetFor = (signedIn: Me) => (from && from !== '/' && !from.startsWith('/login') ? from : homePathOf(signedIn));
  if (me.data) return <Navigate to={targetFor(me.data)} replace />;

  const submit = (values: LoginRequest) => {
    setFormError(null);
    login.mutate(
      { username: values.username.trim(), password: values.password },
      {
        onSuccess: (signedIn) => void navigate(targetFor(signedIn), { replace: true }),
        onError: (error) => {
          if (isApiError(error) && error.field && (error.field === 'username' || error.field === 'password')) {
            form.setFields([{ name: error.field, errors: [error.message] }]);
          } else {
            setFormError({ code: isApiError(error) ? error.code : 'NETWORK', message: error.message || t('login.failed') });
          }
        },
      },
    );
  };

  const demoPassword = config.data?.demoPassword ?? null;

  return (
    <div className="login-page">
      <section className="login-hero" aria-hidden="true">
        <div className="login-brand">
          <BrandMark size={40} />
          <span>{t('app.fullName')}</span>
        </div>
        <div className="login-hero-body">
          <h1 className="login-hero-title">{t('login.heroTitle')}</h1>
          <p className="login-hero-text">{t('login.heroText')}</p>
          <ul className="login-hero-points">
            <li>
              <Icon name="bank" />
              {t('login.heroPoint1')}
            </li>
            <li>
              <Icon name="border" />
              {t('login.heroPoint2')}
            </li>
            <li>
              <Icon name="team" />
              {t('login.heroPoint3')}
            </li>
          </ul>
        </div>
        <HeroIllustration />
        <div className="login-hero-footer">
          © {new Date().getFullYear()} {t('app.footer')}
        </div>
      </section>

      <main className="login-panel">
        <div className="login-panel-top">
          <div className="login-panel-brand">
            <BrandMark size={28} />
            <span>{t('app.fullName')}</span>
          </div>
          <span style={{ marginInlineStart: 'auto' }}>
            <LangToggle />
          </span>
        </div>

        <div className="login-form-wrap">
          <h2 className="login-title">{t('login.title')}</h2>
          <p className="login-welcome">{t('login.welcome', { product: t('app.fullName') })}</p>

          {formError ? (
            <Alert
              data-testid="login-error"
              type="error"
              showIcon
              title={localisedError(formError, locale)}
              style={{ marginBottom: 20 }}
            />
          ) : null}

          <Form<LoginRequest>
            form={form}
            layout="vertical"
            size="large"
            requiredMark={false}
            onFinish={submit}
            onValuesChange={() => setFormError(null)}
            data-testid="login-form"
          >
            <Form.Item label={t('login.username')} name="username" rules={fieldRules('username', t)}>
              <Input
                data-testid="login-username"
                prefix={<Icon name="user" style={{ color: '#8491a5' }} />}
                placeholder={t('login.usernamePlaceholder')}
                autoComplete="username"
                autoFocus
              />
            </Form.Item>
            <Form.Item label={t('login.password')} name="password" rules={fieldRules('password', t)}>
              <Input.Password
                data-testid="login-password"
                prefix={<Icon name="lock" style={{ color: '#8491a5' }} />}
                placeholder={t('login.passwordPlaceholder')}
                autoComplete="current-password"
              />
            </Form.Item>
            <Form.Item style={{ marginBottom: 16 }}>
              <Button data-testid="login-submit" type="primary" htmlType="submit" block loading={login.isPending}>
                {t('login.submit')}
              </Button>
            </Form.Item>
          </Form>

          <nav className="login-public" data-testid="login-public-links" aria-label={t('login.publicLinks')}>
            <Link to="/c/report" data-testid="login-to-citizen-report">
              <Icon name="form" /> {t('login.citizenReport')}
            </Link>
            <span className="login-public-sep" aria-hidden="true">
              /
            </span>
            <Link to="/c/track" data-testid="login-to-citizen-track">
              <Icon name="fileSearch" /> {t('login.citizenTrack')}
            </Link>
          </nav>

          {config.data?.demo ? (
            <section className="login-demo" data-testid="login-demo-hint">
              <div className="login-demo-title">
                <Icon name="info" /> {t('login.demoTitle')}
                <span className="login-demo-note">{t('login.demoAccounts')}</span>
              </div>
              <div className="login-demo-accounts">
                {demoAccounts.map((account) => (
                  <button
                    type="button"
                    key={account.username}
                    className="login-demo-account"
                    data-testid={`demo-account-${account.username}`}
                    onClick={() => {
                      form.setFieldsValue({
                        username: account.username,
                        ...(demoPassword ? { password: demoPassword } : {}),
                      });
                      setFormError(null);
                    }}
                  >
                    <span className="login-demo-username">{account.username}</span>
                    <span className="login-demo-label">{t(account.label)}</span>
                  </button>
                ))}
              </div>
              <div className="login-demo-note" style={{ marginTop: 8 }}>
                {demoPassword ? t('login.demoPassword', { password: demoPassword }) : t('login.demoPasswordDefault')}
              </div>
            </section>
          ) : null}
        </div>


        <div className="login-security">
          <Icon name="safety" /> {t('login.security')}
        </div>
      </main>
    </div>
  );
}

/** Decorative: a district cut into grids, one of them highlighted with its centre. */
function HeroIllustration() {
  const cells: [number, number, number, number][] = [
    [0, 0, 90, 70], [90, 0, 70, 70], [160, 0, 100, 50], [260, 0, 80, 90],
    [0, 70, 60, 90], [60, 70, 100, 60], [160, 50, 100, 80], [260, 90, 80, 70],
    [60, 130, 80, 80], [140, 130, 120, 50], [0, 160, 60, 80], [140, 180, 70, 60],
    [210, 180, 130, 60], [260, 160, 80, 20], [60, 210, 80, 30],
  ];
  return (
    <svg className="login-hero-art" viewBox="-10 -10 360 260" aria-hidden="true" focusable="false">
      {cells.map(([x, y, w, h], i) => (
        <rect
          key={i}
          x={x}
          y={y}
          width={w}
          height={h}
          rx="3"
          fill={i === 6 ? 'rgba(245,194,68,0.32)' : `rgba(255,255,255,${0.05 + (i % 4) * 0.025})`}
          stroke={i === 6 ? '#f5c244' : 'rgba(255,255,255,0.35)'}
          strokeWidth={i === 6 ? 2 : 1}
        />
      ))}
      <circle cx="210" cy="90" r="7" fill="#f5c244" />
      <circle cx="210" cy="90" r="16" fill="none" stroke="#f5c244" strokeOpacity="0.5" strokeWidth="2" />
    </svg>
  );
}

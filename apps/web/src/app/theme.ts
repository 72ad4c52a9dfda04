import type { ThemeConfig } from 'antd';

export const brandBlue = '#1554b0';
export const siderBg = '#0c2a52';

const fontFamily =
  "'Noto Sans SC', system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif";

export const appTheme: ThemeConfig = {
  token: {
    colorPrimary: brandBlue,
    colorInfo: brandBlue,
    colorLink: brandBlue,
    colorBgLayout: '#f2f4f8',
    borderRadius: 6,
    fontFamily,
    fontWeightStrong: 600,
  },
  components: {
    Layout: {
      siderBg,
      triggerBg: '#0a2346',
      headerBg: '#ffffff',
      headerHeight: 56,
      headerPadding: '0 20px',
      bodyBg: '#f2f4f8',
    },
    Menu: {
      darkItemBg: siderBg,
      darkSubMenuItemBg: '#0a2346',
      darkItemSelectedBg: brandBlue,
      darkItemColor: 'rgba(255,255,255,0.78)',
      itemHeight: 44,
    },
    Card: { headerFontSize: 15 },
    Table: { headerBg: '#f5f7fb' },
  },
};

export { LocaleProvider, useLocale, useT, useLabel, useFormatNumber, useFormatDateTime } from './locale-context.tsx';
export type { Translate } from './locale-context.tsx';
export type { MessageKey } from './messages-zh-cn.ts';

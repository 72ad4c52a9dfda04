import type { CSSProperties } from 'react';
import { iconPaths } from './icon-paths.ts';

export type IconName = keyof typeof iconPaths;

/** An Ant Design outline icon; the `anticon` class lets buttons and menus align it as usual. */
export function Icon({ name, style, className }: { name: IconName; style?: CSSProperties; className?: string }) {
  return (
    <span role="img" aria-hidden="true" className={className ? `anticon ${className}` : 'anticon'} style={style}>
      <svg viewBox="64 64 896 896" width="1em" height="1em" fill="currentColor" focusable="false">
        {iconPaths[name].map((d) => (
          <path key={d} d={d} />
        ))}
      </svg>
    </span>
  );
}

/** The product mark: a grid with a marked centre, the 综治中心 in its 网格. */
export function BrandMark({ size = 32 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 64 64" aria-hidden="true" focusable="false">
      <rect width="64" height="64" rx="14" fill="#1554b0" />
      <path
        d="M14 20h36M14 32h36M14 44h36M20 14v36M32 14v36M44 14v36"
        stroke="#9cc4ff"
        strokeWidth="3"
        strokeLinecap="round"
      />
      <circle cx="32" cy="32" r="8" fill="#f5c244" />
    </svg>
  );
}

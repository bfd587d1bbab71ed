import Link from 'next/link';

/** The Quizroom mark: a speech bubble with a check, in the accent gradient. */
export function BrandMark({ size = 32 }: { size?: number }) {
  return (
    <svg
      className="brand__mark"
      width={size}
      height={size}
      viewBox="0 0 64 64"
      aria-hidden="true"
      focusable="false"
    >
      <defs>
        <linearGradient id="qr-brand-g" x1="0" y1="0" x2="1" y2="1">
          <stop offset="0" stopColor="#8b6cff" />
          <stop offset="1" stopColor="#22c3e6" />
        </linearGradient>
      </defs>
      <rect x="4" y="4" width="56" height="48" rx="14" fill="url(#qr-brand-g)" />
      <path d="M18 52 L18 62 L30 52 Z" fill="#22c3e6" />
      <path
        d="M20 28 L28 36 L44 19"
        fill="none"
        stroke="#fff"
        strokeWidth="6"
        strokeLinecap="round"
        strokeLinejoin="round"
      />
    </svg>
  );
}

export function Brand({ href = '/', size = 32 }: { href?: string | null; size?: number }) {
  const inner = (
    <>
      <BrandMark size={size} />
      <span className="brand__name">Quizroom</span>
    </>
  );
  return href ? (
    <Link href={href} className="brand" aria-label="Quizroom home">
      {inner}
    </Link>
  ) : (
    <span className="brand">{inner}</span>
  );
}

'use client';

import { toString as qrToString } from 'qrcode';
import { useEffect, useState } from 'react';

/** A QR code for `value`, rendered in the browser as inline SVG (dark on white for any phone camera). */
export function QrCode({
  value,
  testId = 'qr',
  className = '',
}: {
  value: string;
  testId?: string;
  className?: string;
}) {
  const [svg, setSvg] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let live = true;
    qrToString(value, {
      type: 'svg',
      margin: 1,
      errorCorrectionLevel: 'M',
      color: { dark: '#0b0c1a', light: '#ffffff' },
    })
      .then((s) => {
        if (live) {
          setSvg(s);
          setFailed(false);
        }
      })
      .catch(() => {
        if (live) setFailed(true);
      });
    return () => {
      live = false;
    };
  }, [value]);
  const cls = `qr ${className}`.trim();
  if (svg) {
    return (
      <div
        className={cls}
        data-testid={testId}
        role="img"
        aria-label={`QR code linking to ${value}`}
        dangerouslySetInnerHTML={{ __html: svg }}
      />
    );
  }
  return (
    <div
      className={`${cls} qr--empty`}
      data-testid={testId}
      role="img"
      aria-label={failed ? 'QR code unavailable' : 'Drawing QR code'}
    >
      {failed ? <span className="qr__failed">QR unavailable</span> : null}
    </div>
  );
}

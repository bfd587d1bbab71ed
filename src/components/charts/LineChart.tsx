/** One point of a chart: a label (date or game) and a value in 0..1 (null = nothing to plot). */
export interface ChartPoint {
  label: string;
  value: number | null;
  /** Tooltip text (the browser shows it on hover). */
  detail?: string;
}

const W = 640;
const H = 220;
const PAD = { top: 16, right: 18, bottom: 32, left: 64 };

/**
 * An accessible SVG line chart of a 0-100 % series (no chart library): gridlines every 25 %, the line, a dot
 * per point with a tooltip, and the first and last labels on the x axis. Renders on the server too.
 */
export function LineChart({
  points,
  title,
  testId,
  emptyText = 'Nothing to chart yet.',
}: {
  points: ChartPoint[];
  title: string;
  testId?: string;
  emptyText?: string;
}) {
  const plotted = points.map((p, i) => ({ ...p, i })).filter((p): p is typeof p & { value: number } => p.value !== null);
  if (plotted.length === 0) {
    return (
      <p className="muted chart-empty" data-testid={testId} data-points={0}>
        {emptyText}
      </p>
    );
  }
  const innerW = W - PAD.left - PAD.right;
  const innerH = H - PAD.top - PAD.bottom;
  const n = points.length;
  const x = (i: number) => PAD.left + (n === 1 ? innerW / 2 : (i / (n - 1)) * innerW);
  const y = (v: number) => PAD.top + (1 - Math.min(1, Math.max(0, v))) * innerH;
  const path = plotted.map((p, k) => `${k === 0 ? 'M' : 'L'}${x(p.i).toFixed(1)},${y(p.value).toFixed(1)}`).join(' ');
  const area = `${path} L${x(plotted[plotted.length - 1]!.i).toFixed(1)},${y(0)} L${x(plotted[0]!.i).toFixed(1)},${y(0)} Z`;
  const avg = plotted.reduce((s, p) => s + p.value, 0) / plotted.length;
  const first = points[0];
  const last = points[n - 1];
  const gradId = `${testId ?? 'chart'}-fill`;
  return (
    <figure className="chart" data-testid={testId} data-points={plotted.length}>
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={`${title}: ${plotted.length} points, average ${Math.round(avg * 100)}%`}>
        <title>{title}</title>
        <defs>
          <linearGradient id={gradId} x1="0" y1="0" x2="0" y2="1">
            <stop offset="0" stopColor="#7c5cff" stopOpacity="0.35" />
            <stop offset="1" stopColor="#7c5cff" stopOpacity="0" />
          </linearGradient>
        </defs>
        {[0, 0.25, 0.5, 0.75, 1].map((v) => (
          <g key={v} className="chart__grid">
            <line x1={PAD.left} x2={W - PAD.right} y1={y(v)} y2={y(v)} />
            <text x={PAD.left - 8} y={y(v) + 4} textAnchor="end">
              {Math.round(v * 100)}%
            </text>
          </g>
        ))}
        <line className="chart__avg" x1={PAD.left} x2={W - PAD.right} y1={y(avg)} y2={y(avg)}>
          <title>{`Average ${Math.round(avg * 100)}%`}</title>
        </line>
        {plotted.length > 1 ? <path className="chart__area" d={area} fill={`url(#${gradId})`} /> : null}
        {plotted.length > 1 ? <path className="chart__line" d={path} /> : null}
        {plotted.map((p) => (
          <circle key={p.i} className="chart__dot" cx={x(p.i)} cy={y(p.value)} r={plotted.length > 40 ? 2.5 : 4.5}>
            <title>{p.detail ?? `${p.label}: ${Math.round(p.value * 100)}%`}</title>
          </circle>
        ))}
        {first ? (
          <text className="chart__xlabel" x={x(0)} y={H - 8} textAnchor={n === 1 ? 'middle' : 'start'}>
            {first.label}
          </text>
        ) : null}
        {last && n > 1 ? (
          <text className="chart__xlabel" x={x(n - 1)} y={H - 8} textAnchor="end">
            {last.label}
          </text>
        ) : null}
      </svg>
    </figure>
  );
}

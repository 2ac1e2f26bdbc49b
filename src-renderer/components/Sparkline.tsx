// A small line of recent values (an SVG polyline). Two lines of usage do not justify a chart
// library: recharts, which @mantine/charts needs, would add ~150 KB, and no @mantine/charts
// release matches our @mantine/core 9.8 yet.
import { useMantineTheme } from "@mantine/core";

export function Sparkline({ values, max, label, width = 220, height = 36 }: { values: number[]; max: number; label: string; width?: number; height?: number }) {
  const theme = useMantineTheme();
  // Until there are two values, the space it will take is kept, so nothing below it moves.
  if (values.length < 2 || max <= 0) return <div style={{ height }} />;
  const step = width / (values.length - 1);
  const points = values.map((v, i) => `${(i * step).toFixed(1)},${(height - Math.min(1, v / max) * (height - 2) - 1).toFixed(1)}`).join(" ");
  return (
    <svg width={width} height={height} role="img" aria-label={label} style={{ display: "block" }}>
      <polyline points={points} fill="none" stroke={theme.colors[theme.primaryColor][6]} strokeWidth={1.5} />
    </svg>
  );
}

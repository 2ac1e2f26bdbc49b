// A bar of a share (CPU requested of allocatable, memory used of its limit) that says what it
// measures to a screen reader: Mantine's plain Progress leaves its progressbar unnamed.
import { Progress, type MantineColor, type MantineSize } from "@mantine/core";

export function Meter({ value, label, size = "sm", color }: { value: number; label: string; size?: MantineSize; color?: MantineColor }) {
  return (
    <Progress.Root size={size}>
      <Progress.Section value={Math.max(0, Math.min(100, value))} color={color} aria-label={label} />
    </Progress.Root>
  );
}

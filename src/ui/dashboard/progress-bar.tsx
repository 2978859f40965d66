import { Text } from 'ink';

/** A fixed-width bar: filled blocks for the fraction done, light shade for the rest. */
export function ProgressBar({ fraction, width = 24 }: { fraction: number; width?: number }) {
  const filled = Math.round(Math.min(1, Math.max(0, fraction)) * width);
  return (
    <Text>
      <Text color="green">{'█'.repeat(filled)}</Text>
      <Text dimColor>{'░'.repeat(width - filled)}</Text>
    </Text>
  );
}

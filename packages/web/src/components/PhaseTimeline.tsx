import { Box, Group, Text, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Phase } from '../api/types';
import { formatDate, pick } from '../format/time';

const colors = ['indigo', 'teal', 'orange', 'grape', 'cyan', 'lime'];
const day = (d: string) => Date.parse(`${d}T00:00:00Z`) / 86_400_000;

/** Phases drawn to scale on one line, so gaps and overlaps are visible at a glance. */
export function PhaseTimeline({ phases }: { phases: Phase[] }) {
  const { i18n } = useTranslation();
  if (phases.length === 0) return null;
  const start = Math.min(...phases.map((p) => day(p.start)));
  const end = Math.max(...phases.map((p) => day(p.end) + 1));
  const span = end - start;
  return (
    <Box>
      <Box pos="relative" h={36} style={{ background: 'var(--mantine-color-gray-1)', borderRadius: 6 }}>
        {phases.map((p, i) => (
          <Tooltip key={p.key} label={`${pick(p.name, i18n.language)}: ${formatDate(p.start, i18n.language)} – ${formatDate(p.end, i18n.language)}`}>
            <Box
              pos="absolute"
              top={4}
              h={28}
              bg={`${colors[i % colors.length]}.5`}
              style={{
                left: `${((day(p.start) - start) / span) * 100}%`,
                width: `${((day(p.end) + 1 - day(p.start)) / span) * 100}%`,
                borderRadius: 4,
                overflow: 'hidden',
              }}
            >
              <Text size="xs" c="white" px={6} lh="28px" truncate>
                {pick(p.name, i18n.language)}
              </Text>
            </Box>
          </Tooltip>
        ))}
      </Box>
      <Group justify="space-between" mt={4}>
        <Text size="xs" c="dimmed">
          {formatDate(phases[0]!.start, i18n.language)}
        </Text>
        <Text size="xs" c="dimmed">
          {formatDate(phases[phases.length - 1]!.end, i18n.language)}
        </Text>
      </Group>
    </Box>
  );
}

import { Button, Group, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

/** The search box of a list: searches on Enter or the button, not on every key. */
export function SearchBox({ value, label, onSearch }: { value: string; label: string; onSearch: (q: string) => void }) {
  const { t } = useTranslation();
  const [text, setText] = useState(value);
  const submit = () => onSearch(text.trim());
  return (
    <Group align="flex-end" gap="xs">
      <TextInput
        label={label}
        value={text}
        onChange={(e) => setText(e.currentTarget.value)}
        onKeyDown={(e) => e.key === 'Enter' && submit()}
        maxLength={200}
        w={280}
        data-testid="list-search"
      />
      <Button variant="default" onClick={submit} data-testid="list-search-button">
        {t('lists.search')}
      </Button>
    </Group>
  );
}

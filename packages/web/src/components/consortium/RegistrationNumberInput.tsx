import { TextInput, type TextInputProps } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { checkRegistrationNumber } from '@stagegate/core/organisation/registration-number';
import { pick } from '../../format/time';

/** Checks the format and check digit as the user types (core's rule), in the current language; the server's answer wins when given. */
export function registrationProblem(value: string, lang: string): string | undefined {
  if (value.trim() === '') return undefined;
  const c = checkRegistrationNumber(value);
  return c.valid ? undefined : pick(c.reason, lang);
}

export function RegistrationNumberInput({
  value,
  onChange,
  serverError,
  ...rest
}: Omit<TextInputProps, 'onChange' | 'value' | 'error'> & { value: string; onChange: (v: string) => void; serverError?: string }) {
  const { i18n } = useTranslation();
  const local = registrationProblem(value, i18n.language);
  return (
    <TextInput
      placeholder="000-00-00000"
      inputMode="numeric"
      maxLength={12}
      value={value}
      onChange={(e) => onChange(e.currentTarget.value)}
      error={local ?? serverError}
      {...rest}
    />
  );
}

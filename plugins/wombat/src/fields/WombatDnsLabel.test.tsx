import { useState } from 'react';
import { fireEvent, render, screen } from '@testing-library/react';
import { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import { createFieldValidation } from '@backstage/plugin-scaffolder-react/alpha';
import { WombatDnsLabel } from './WombatDnsLabel';
import { DnsLabelUiOptions, dnsLabelValidation } from './validation';

const SIXTY_FOUR = 'a'.repeat(64);
const NOT_A_LABEL =
  'Must be a DNS-1123 label: lowercase letters, digits and "-", starting and ending with a letter or digit';

function NameField(props: { uiOptions?: DnsLabelUiOptions }) {
  const [value, setValue] = useState<string | undefined>();
  const fieldProps = {
    formData: value,
    onChange: setValue,
    required: true,
    schema: { title: 'Name', description: 'Names the repository' },
    uiSchema: { 'ui:options': props.uiOptions },
    idSchema: { $id: 'root_name' },
    rawErrors: [],
  } as unknown as FieldExtensionComponentProps<string, DnsLabelUiOptions>;
  return <WombatDnsLabel {...fieldProps} />;
}

function type(value: string) {
  fireEvent.change(screen.getByRole('textbox', { name: /Name/ }), {
    target: { value },
  });
}

describe('WombatDnsLabel', () => {
  it.each([
    ['Payments', 'Payments', NOT_A_LABEL],
    ['-x', '-x', NOT_A_LABEL],
    [
      'a 64-character name',
      SIXTY_FOUR,
      'Must be at most 63 characters long, it has 64',
    ],
  ])('says why %s is not a name as it is typed', (_what, value, reason) => {
    render(<NameField />);
    type(value);
    expect(screen.getByText(reason)).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: /Name/ })).toHaveAttribute(
      'aria-invalid',
      'true',
    );
  });

  it('shows the description for a good name', () => {
    render(<NameField />);
    type('payments-dev');
    expect(screen.getByText('Names the repository')).toBeInTheDocument();
    expect(screen.queryByText(/^Must/)).not.toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: /Name/ })).toHaveAttribute(
      'aria-invalid',
      'false',
    );
  });

  it('takes a lower limit from ui:options', () => {
    render(<NameField uiOptions={{ maxLength: 5 }} />);
    type('payments');
    expect(
      screen.getByText('Must be at most 5 characters long, it has 8'),
    ).toBeInTheDocument();
  });
});

describe('WombatDnsLabel validation', () => {
  const validate = async (value: unknown, uiSchema: object = {}) => {
    const validation = createFieldValidation();
    await dnsLabelValidation(value as string, validation, {
      apiHolder: { get: () => undefined },
      formData: {},
      schema: {},
      uiSchema,
    });
    return validation.__errors ?? [];
  };

  it.each([
    ['Payments', 'Payments', NOT_A_LABEL],
    ['-x', '-x', NOT_A_LABEL],
    [
      'a 64-character name',
      SIXTY_FOUR,
      'Must be at most 63 characters long, it has 64',
    ],
  ])('rejects %s', async (_what, value, reason) => {
    expect(await validate(value)).toEqual([reason]);
  });

  it('accepts a DNS label, and leaves an empty value to required', async () => {
    expect(await validate('payments-dev')).toEqual([]);
    expect(await validate('')).toEqual([]);
    expect(await validate(undefined)).toEqual([]);
  });

  it('applies ui:options.maxLength', async () => {
    expect(
      await validate('payments', { 'ui:options': { maxLength: 5 } }),
    ).toEqual(['Must be at most 5 characters long, it has 8']);
  });

  it('checks the fields of each item when it sits in an array of objects', async () => {
    // What the scaffolder passes for a field inside `items.properties`.
    const itemsUiSchema = {
      name: { 'ui:field': 'WombatDnsLabel', 'ui:options': { maxLength: 5 } },
      cluster: { 'ui:field': 'EntityPicker' },
      namespace: { 'ui:field': 'WombatDnsLabel' },
    };
    expect(
      await validate(
        [
          { name: 'dev', cluster: 'Dev-EU', namespace: 'payments-dev' },
          { name: 'production', namespace: 'Payments' },
        ],
        itemsUiSchema,
      ),
    ).toEqual([
      'Item 2, name: Must be at most 5 characters long, it has 10',
      `Item 2, namespace: ${NOT_A_LABEL}`,
    ]);
  });
});

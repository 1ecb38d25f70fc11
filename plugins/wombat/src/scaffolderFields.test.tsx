import { useApi } from '@backstage/frontend-plugin-api';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import scaffolderPlugin from '@backstage/plugin-scaffolder/alpha';
import { formFieldsApiRef } from '@backstage/plugin-scaffolder-react/alpha';
import { screen } from '@testing-library/react';
import useAsync from 'react-use/esm/useAsync';
import { wombatPlugin } from './plugin';

/** Lists the fields the scaffolder's forms get, as its templates page does. */
function FormFieldNames() {
  const formFieldsApi = useApi(formFieldsApiRef);
  const { value } = useAsync(() => formFieldsApi.loadFormFields(), []);
  if (!value) return null;
  // The loaded fields are the scaffolder's internal form of createFormField's options.
  const names = value.map(field => (field as unknown as { name: string }).name);
  return <div data-testid="fields">{names.join(',')}</div>;
}

describe('scaffolder field extensions', () => {
  it("reach the scaffolder's forms beside its own fields", async () => {
    renderInTestApp(<FormFieldNames />, {
      features: [scaffolderPlugin, wombatPlugin],
    });
    const names = (await screen.findByTestId('fields')).textContent!.split(',');
    expect(names).toEqual(
      expect.arrayContaining([
        'EntityPicker',
        'WombatProjectPicker',
        'WombatDnsLabel',
      ]),
    );
  });
});

import { useState } from 'react';
import { Entity } from '@backstage/catalog-model';
import { mockApis, renderInTestApp } from '@backstage/frontend-test-utils';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import {
  AuthorizeResult,
  EvaluatePermissionRequest,
} from '@backstage/plugin-permission-common';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import { createFieldValidation } from '@backstage/plugin-scaffolder-react/alpha';
import { fireEvent, screen, within } from '@testing-library/react';
import { wombatProjectTemplatePermission } from '@wombat/plugin-wombat-common';
import { WombatProjectPicker } from './WombatProjectPicker';
import { projectPickerValidation } from './validation';

function project(name: string, title?: string): Entity {
  return {
    apiVersion: 'wombat.dev/v1alpha1',
    kind: 'Project',
    metadata: { name, namespace: 'default', ...(title && { title }) },
    spec: { owner: 'group:default/team-payments', lifecycle: 'production' },
  };
}

const entities: Entity[] = [
  project('payments', 'Payments'),
  project('web-shop', 'Web shop'),
  project('risk-engine', 'Risk engine'),
  project('billing'),
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'payments-api', namespace: 'default' },
    spec: { type: 'service', lifecycle: 'production', owner: 'team-payments' },
  },
];

/** A policy's answers: ALLOW for these refs, DENY for the rest. */
function permissionAllowing(refs: string[]) {
  const asked: EvaluatePermissionRequest[] = [];
  const api = mockApis.permission({
    authorize: request => {
      asked.push(request);
      return refs.includes(request.resourceRef ?? '')
        ? AuthorizeResult.ALLOW
        : AuthorizeResult.DENY;
    },
  });
  return { api, asked };
}

function renderPicker(
  allowed: string[],
  options: { required?: boolean; initial?: string } = {},
) {
  const { api, asked } = permissionAllowing(allowed);
  const onChange = jest.fn();
  function Form() {
    const [value, setValue] = useState<string | undefined>(options.initial);
    const props = {
      formData: value,
      onChange: (v: string | undefined) => {
        onChange(v);
        setValue(v);
      },
      required: options.required ?? true,
      schema: { title: 'Project' },
      uiSchema: {},
      idSchema: { $id: 'root_project' },
      rawErrors: [],
    } as unknown as FieldExtensionComponentProps<string>;
    return <WombatProjectPicker {...props} />;
  }
  renderInTestApp(<Form />, {
    apis: [
      [catalogApiRef, catalogApiMock({ entities })],
      [permissionApiRef, api],
    ],
  });
  return { onChange, asked };
}

async function openOptions() {
  const input = await screen.findByRole('textbox', { name: /Project/ });
  fireEvent.mouseDown(input);
  const listbox = await screen.findByRole('listbox');
  return within(listbox)
    .getAllByRole('option')
    .map(option => option.textContent);
}

describe('WombatProjectPicker', () => {
  it('offers only the projects the policy allows, asking about projects only', async () => {
    const { asked } = renderPicker([
      'project:default/payments',
      'project:default/billing',
    ]);
    expect(await openOptions()).toEqual(['billing', 'Payments (payments)']);
    expect(asked.map(r => r.resourceRef).sort()).toEqual([
      'project:default/billing',
      'project:default/payments',
      'project:default/risk-engine',
      'project:default/web-shop',
    ]);
    expect(
      asked.every(r => r.permission === wombatProjectTemplatePermission),
    ).toBe(true);
  });

  it("writes the chosen project's entity ref", async () => {
    const { onChange } = renderPicker([
      'project:default/payments',
      'project:default/web-shop',
    ]);
    await openOptions();
    fireEvent.click(
      screen.getByRole('option', { name: 'Web shop (web-shop)' }),
    );
    expect(onChange).toHaveBeenLastCalledWith('project:default/web-shop');
    expect(screen.getByRole('textbox', { name: /Project/ })).toHaveValue(
      'Web shop (web-shop)',
    );
  });

  it('chooses the only project when the field is required', async () => {
    const { onChange } = renderPicker(['project:default/risk-engine']);
    expect(
      await screen.findByDisplayValue('Risk engine (risk-engine)'),
    ).toBeInTheDocument();
    expect(onChange).toHaveBeenCalledWith('project:default/risk-engine');
  });

  it('says so when the user may not run templates for any project', async () => {
    renderPicker([]);
    expect(
      await screen.findByText(
        'You may not run templates for any project; ask a project manager to add you',
      ),
    ).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: /Project/ })).toBeDisabled();
  });

  it('flags a value it does not offer, e.g. one from the URL', async () => {
    renderPicker(['project:default/payments'], {
      required: false,
      initial: 'project:default/risk-engine',
    });
    expect(
      await screen.findByText(
        'You may not run templates for project:default/risk-engine',
      ),
    ).toBeInTheDocument();
  });
});

describe('WombatProjectPicker validation', () => {
  const validate = async (value: string, allowed: string[]) => {
    const { api } = permissionAllowing(allowed);
    const validation = createFieldValidation();
    await projectPickerValidation(value, validation, {
      apiHolder: {
        get: (ref: any) => (ref === permissionApiRef ? api : undefined),
      } as any,
      formData: {},
      schema: {},
    });
    return validation.__errors ?? [];
  };

  it('accepts a project the user may run templates for', async () => {
    expect(
      await validate('project:default/payments', ['project:default/payments']),
    ).toEqual([]);
  });

  it('rejects one they may not, and what is not a project', async () => {
    expect(await validate('project:default/payments', [])).toEqual([
      'You may not run templates for project:default/payments',
    ]);
    expect(
      await validate('component:default/payments-api', [
        'component:default/payments-api',
      ]),
    ).toEqual(['component:default/payments-api is not a project']);
  });
});

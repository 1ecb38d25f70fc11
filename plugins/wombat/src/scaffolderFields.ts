import { FormFieldBlueprint } from '@backstage/plugin-scaffolder-react/alpha';

/*
 * Field extensions for the scaffolder's forms. They attach to the
 * scaffolder's form-fields API, which hands them to every template form.
 */

export const projectPickerFormField = FormFieldBlueprint.make({
  name: 'project-picker',
  params: {
    field: () => import('./fields/formFields').then(m => m.projectPickerField),
  },
});

export const dnsLabelFormField = FormFieldBlueprint.make({
  name: 'dns-label',
  params: {
    field: () => import('./fields/formFields').then(m => m.dnsLabelField),
  },
});

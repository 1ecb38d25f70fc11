import { makeFieldSchema } from '@backstage/plugin-scaffolder-react';
import { createFormField } from '@backstage/plugin-scaffolder-react/alpha';
import { DNS_LABEL_MAX_LENGTH } from '@wombat/plugin-wombat-common';
import {
  DNS_LABEL_FIELD,
  PROJECT_PICKER_FIELD,
  dnsLabelValidation,
  projectPickerValidation,
} from './validation';
import { WombatDnsLabel } from './WombatDnsLabel';
import { WombatProjectPicker } from './WombatProjectPicker';

/** `ui:field: WombatProjectPicker`: a Project's entity ref. */
export const projectPickerField = createFormField({
  name: PROJECT_PICKER_FIELD,
  component: WombatProjectPicker,
  validation: projectPickerValidation,
  schema: makeFieldSchema({ output: z => z.string() }),
});

/** `ui:field: WombatDnsLabel`: a DNS-1123 label. */
export const dnsLabelField = createFormField({
  name: DNS_LABEL_FIELD,
  component: WombatDnsLabel,
  validation: dnsLabelValidation,
  schema: makeFieldSchema({
    output: z => z.string(),
    uiOptions: z =>
      z.object({
        maxLength: z
          .number()
          .int()
          .min(1)
          .max(DNS_LABEL_MAX_LENGTH)
          .optional()
          .describe(
            `The longest name allowed, at most ${DNS_LABEL_MAX_LENGTH} (the default)`,
          ),
      }),
  }),
});

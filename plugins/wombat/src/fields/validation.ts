import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { CustomFieldValidator } from '@backstage/plugin-scaffolder-react';
import {
  explainInvalidDnsLabel,
  wombatProjectTemplatePermission,
} from '@wombat/plugin-wombat-common';

/** The names templates use in `ui:field`; part of Wombat's interface. */
export const PROJECT_PICKER_FIELD = 'WombatProjectPicker';
export const DNS_LABEL_FIELD = 'WombatDnsLabel';

/** `ui:options` of WombatDnsLabel. */
export interface DnsLabelUiOptions {
  maxLength?: number;
}

/** Why a value is not a DNS label, as a sentence for the form. */
export function dnsLabelProblem(
  value: string,
  uiOptions?: DnsLabelUiOptions,
): string | undefined {
  const reason = explainInvalidDnsLabel(value, {
    maxLength: uiOptions?.maxLength,
  });
  return (
    reason && reason.charAt(0).toLocaleUpperCase('en-US') + reason.slice(1)
  );
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Rejects a value that is not a DNS-1123 label, so the form cannot be
 * submitted with one. An empty value is left to `required`.
 *
 * For a field inside an array of objects the scaffolder passes the whole
 * array and the items' ui schema, so each item's WombatDnsLabel properties
 * are checked here.
 */
export const dnsLabelValidation: CustomFieldValidator<
  string,
  DnsLabelUiOptions
> = (value, validation, context) => {
  const data: unknown = value;
  if (typeof data === 'string') {
    const problem = data
      ? dnsLabelProblem(data, context.uiSchema?.['ui:options'])
      : undefined;
    if (problem) validation.addError(problem);
    return;
  }
  if (!Array.isArray(data) || !isRecord(context.uiSchema)) return;
  const labelKeys = Object.entries(context.uiSchema).filter(
    ([, ui]) => isRecord(ui) && ui['ui:field'] === DNS_LABEL_FIELD,
  );
  data.forEach((item, index) => {
    if (!isRecord(item)) return;
    for (const [key, ui] of labelKeys) {
      const itemValue = item[key];
      const problem =
        typeof itemValue === 'string' && itemValue
          ? dnsLabelProblem(
              itemValue,
              (ui as { 'ui:options'?: DnsLabelUiOptions })['ui:options'],
            )
          : undefined;
      if (problem) {
        validation.addError(`Item ${index + 1}, ${key}: ${problem}`);
      }
    }
  });
};

/**
 * Rejects what is not a project reference, and a project the user may not
 * run templates for (a value can arrive through the URL, not only from the
 * picker's options). The backend checks again when the task runs.
 */
export const projectPickerValidation: CustomFieldValidator<string> = async (
  value,
  validation,
  context,
) => {
  if (typeof value !== 'string' || !value) return;
  let ref: string;
  try {
    const parsed = parseEntityRef(value, {
      defaultKind: 'project',
      defaultNamespace: 'default',
    });
    if (parsed.kind.toLocaleLowerCase('en-US') !== 'project') {
      validation.addError(`${value} is not a project`);
      return;
    }
    ref = stringifyEntityRef(parsed);
  } catch {
    validation.addError(`${value} is not a project reference`);
    return;
  }
  const permissionApi = context.apiHolder.get(permissionApiRef);
  if (!permissionApi) return;
  const { result } = await permissionApi.authorize({
    permission: wombatProjectTemplatePermission,
    resourceRef: ref,
  });
  if (result !== AuthorizeResult.ALLOW) {
    validation.addError(`You may not run templates for ${ref}`);
  }
};

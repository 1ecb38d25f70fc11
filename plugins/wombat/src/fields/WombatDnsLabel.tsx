import TextField from '@material-ui/core/TextField';
import { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import { DnsLabelUiOptions, dnsLabelProblem } from './validation';

/**
 * A name that becomes a Kubernetes or Wombat name (project, namespace,
 * service, VM): says what is wrong with it while it is typed.
 */
export function WombatDnsLabel(
  props: FieldExtensionComponentProps<string, DnsLabelUiOptions>,
) {
  const {
    onChange,
    required,
    disabled,
    readonly,
    schema: { title = 'Name', description },
    rawErrors,
    formData,
    uiSchema,
    idSchema,
    placeholder,
  } = props;
  const value = formData ?? '';
  const problem = value
    ? dnsLabelProblem(value, uiSchema?.['ui:options'])
    : undefined;
  const otherError = rawErrors?.length ? rawErrors[0] : undefined;
  return (
    <TextField
      id={idSchema?.$id}
      label={title}
      placeholder={placeholder}
      helperText={
        problem ?? otherError ?? uiSchema?.['ui:description'] ?? description
      }
      required={required}
      disabled={disabled || readonly || uiSchema?.['ui:disabled'] === true}
      value={value}
      onChange={event => onChange(event.target.value || undefined)}
      margin="normal"
      error={Boolean(problem || otherError)}
      inputProps={{
        autoFocus: uiSchema?.['ui:autofocus'],
        spellCheck: false,
        autoCapitalize: 'none',
      }}
      FormHelperTextProps={{ margin: 'dense', style: { marginLeft: 0 } }}
    />
  );
}

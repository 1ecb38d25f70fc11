import { useEffect } from 'react';
import FormHelperText from '@material-ui/core/FormHelperText';
import TextField from '@material-ui/core/TextField';
import Autocomplete from '@material-ui/lab/Autocomplete';
import { useApi } from '@backstage/core-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import { ScaffolderField } from '@backstage/plugin-scaffolder-react/alpha';
import useAsync from 'react-use/esm/useAsync';
import { ProjectOption, loadRunnableProjects } from './runnableProjects';

export const NO_PROJECTS_MESSAGE =
  'You may not run templates for any project; ask a project manager to add you';

/**
 * Picks a Project the signed-in user may run templates for; writes its
 * entity ref (`project:default/payments`).
 */
export function WombatProjectPicker(
  props: FieldExtensionComponentProps<string>,
) {
  const {
    onChange,
    schema: {
      title = 'Project',
      description = 'A project you may run templates for',
    },
    required,
    disabled,
    readonly,
    uiSchema,
    rawErrors,
    formData,
    idSchema,
    errors,
  } = props;
  const catalogApi = useApi(catalogApiRef);
  const permissionApi = useApi(permissionApiRef);
  const isDisabled = disabled || readonly || uiSchema?.['ui:disabled'] === true;

  const {
    value: projects,
    loading,
    error,
  } = useAsync(
    () => loadRunnableProjects(catalogApi, permissionApi),
    [catalogApi, permissionApi],
  );
  const options = projects ?? [];
  const selected = options.find(p => p.ref === formData) ?? null;

  // With one project to choose from, a required field chooses it.
  const onlyOption = options.length === 1 ? options[0].ref : undefined;
  useEffect(() => {
    if (required && onlyOption && !formData) onChange(onlyOption);
  }, [required, onlyOption, formData, onChange]);

  let notice: string | undefined;
  if (error) {
    notice = `Could not load the projects: ${error.message}`;
  } else if (projects && options.length === 0) {
    notice = NO_PROJECTS_MESSAGE;
  } else if (projects && formData && !selected) {
    notice = `You may not run templates for ${formData}`;
  }

  return (
    <ScaffolderField
      rawErrors={rawErrors}
      rawDescription={uiSchema?.['ui:description'] ?? description}
      required={required}
      disabled={isDisabled}
      errors={errors}
    >
      <Autocomplete<ProjectOption>
        id={idSchema?.$id}
        options={options}
        value={selected}
        loading={loading}
        disabled={isDisabled || (!loading && options.length === 0)}
        getOptionLabel={option => option.label}
        getOptionSelected={(option, value) => option.ref === value.ref}
        onChange={(_event, option) => onChange(option?.ref)}
        noOptionsText="No matching project"
        renderInput={params => (
          <TextField
            {...params}
            label={title}
            margin="dense"
            variant="outlined"
            required={required}
            disabled={isDisabled}
            error={Boolean(notice) || Boolean(rawErrors?.length)}
          />
        )}
      />
      {notice && (
        <FormHelperText error={notice !== NO_PROJECTS_MESSAGE || required}>
          {notice}
        </FormHelperText>
      )}
    </ScaffolderField>
  );
}

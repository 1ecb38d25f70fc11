import { ReactNode } from 'react';
import { Flex, Grid, Text } from '@backstage/ui';

/** One labelled value in an info card, laid out like the catalog's About card. */
export function DetailField(props: { label: string; children: ReactNode }) {
  return (
    <Flex direction="column" gap="1">
      <Text as="h2" variant="body-x-small" color="secondary" weight="bold">
        {props.label.toLocaleUpperCase('en-US')}
      </Text>
      <Text as="div" variant="body-medium" weight="bold">
        {props.children}
      </Text>
    </Flex>
  );
}

/** A two-column grid of DetailFields. */
export function DetailFields(props: { children: ReactNode }) {
  return (
    <Grid.Root columns="2" gap="4">
      {props.children}
    </Grid.Root>
  );
}

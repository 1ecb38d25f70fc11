import { ReactNode } from 'react';
import { ColumnConfig, Table, TableItem, useTable } from '@backstage/ui';

/** A BUI table over a small in-memory list: no paging, no sorting. */
export function SimpleTable<T extends TableItem>(props: {
  columns: ColumnConfig<T>[];
  rows: T[];
  loading?: boolean;
  error?: Error;
  emptyState: ReactNode;
}) {
  const { tableProps } = useTable({
    mode: 'complete',
    data: props.rows,
    paginationOptions: { type: 'none' },
  });
  return (
    <Table
      columnConfig={props.columns}
      {...tableProps}
      loading={props.loading}
      error={props.error}
      emptyState={props.emptyState}
    />
  );
}

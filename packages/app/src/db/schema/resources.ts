import { foreignKey, integer, jsonb, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import type { LocalizedText } from '@stagegate/core/shared/localized';

/** A kind of node (core/resources): GPU model and GPUs per node; CPU and memory for the record. */
export const resourceNodeTypes = pgTable('resource_node_types', {
  key: text('key').primaryKey(),
  gpuModel: text('gpu_model').notNull(),
  gpusPerNode: integer('gpus_per_node').notNull(),
  cpusPerNode: integer('cpus_per_node'),
  memoryGb: integer('memory_gb'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** A Slurm cluster the office hands GPUs out on. */
export const resourceClusters = pgTable('resource_clusters', {
  key: text('key').primaryKey(),
  name: jsonb('name').$type<LocalizedText>().notNull(),
  site: jsonb('site').$type<LocalizedText>().notNull(),
  slurmClusterName: text('slurm_cluster_name').notNull().unique(),
  notes: text('notes'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** A partition, named as in Slurm, of one node type. */
export const resourcePartitions = pgTable(
  'resource_partitions',
  {
    clusterKey: text('cluster_key')
      .notNull()
      .references(() => resourceClusters.key),
    name: text('name').notNull(),
    nodeTypeKey: text('node_type_key')
      .notNull()
      .references(() => resourceNodeTypes.key),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.clusterKey, t.name] })],
);

/** The node counts of a partition, a row per group (e.g. `b200-[001-064]`); its size is their sum. */
export const resourcePartitionNodes = pgTable(
  'resource_partition_nodes',
  {
    clusterKey: text('cluster_key').notNull(),
    partitionName: text('partition_name').notNull(),
    position: integer('position').notNull(),
    label: text('label').notNull(),
    nodes: integer('nodes').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.clusterKey, t.partitionName, t.position] }),
    foreignKey({
      name: 'resource_partition_nodes_partition_fk',
      columns: [t.clusterKey, t.partitionName],
      foreignColumns: [resourcePartitions.clusterKey, resourcePartitions.name],
    }),
  ],
);

/** Where a program's GPU pool (program slug + pool key of its definition) runs. */
export const resourcePoolBindings = pgTable(
  'resource_pool_bindings',
  {
    programSlug: text('program_slug').notNull(),
    poolKey: text('pool_key').notNull(),
    clusterKey: text('cluster_key').notNull(),
    partitionName: text('partition_name').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.programSlug, t.poolKey] }),
    foreignKey({
      name: 'resource_pool_bindings_partition_fk',
      columns: [t.clusterKey, t.partitionName],
      foreignColumns: [resourcePartitions.clusterKey, resourcePartitions.name],
    }),
  ],
);

/**
 * Named limits of chart loading and `--set` parsing, with the values helm v3.17.3 uses.
 */

/** pkg/chart/loader MaxDecompressedChartSize: the sum of all file sizes in one archive (100 MiB). */
export const MAX_DECOMPRESSED_CHART_SIZE = 100 * 1024 * 1024;

/** pkg/chart/loader MaxDecompressedFileSize: the largest single file, in a directory or archive (5 MiB). */
export const MAX_DECOMPRESSED_FILE_SIZE = 5 * 1024 * 1024;

/**
 * Most entries one chart archive may hold. helm has no such bound; ours keeps an archive of
 * millions of empty files (which cost nothing against the size limits) from exhausting memory.
 * Real charts hold a few thousand files at most.
 */
export const MAX_ARCHIVE_ENTRIES = 100_000;

/**
 * Most bytes a chart and every subchart archive nested in it (charts/*.tgz, at any depth) may
 * decompress to together, for charts from untrusted places (withDecompressedTotalLimit). helm
 * applies MAX_DECOMPRESSED_CHART_SIZE to each archive alone, so a 192 KB chart holding eight
 * nested archives decompressed to 800 MiB and cost 2 GB; this keeps the whole tree to helm's
 * one-archive number. `dpu-gitops template` and local charts keep helm's per-archive rule.
 */
export const MAX_DECOMPRESSED_TOTAL_SIZE = 100 * 1024 * 1024;

/** pkg/strvals MaxIndex: the largest list index `--set a[N]=x` accepts (64 Ki). */
export const STRVALS_MAX_INDEX = 65536;

/** pkg/strvals MaxNestedNameLevel: the deepest `a.b.c...` key `--set` accepts. */
export const STRVALS_MAX_NESTED_NAME_LEVEL = 30;

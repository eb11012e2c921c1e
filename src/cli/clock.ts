/** The time a run states in what it writes (the report, a database's meta table, a Parquet file's metadata). */
/**
 * When the run's output is made, in UTC to the second: the clock, or SOURCE_DATE_EPOCH (seconds since
 * 1970, the reproducible-builds convention) when it is set, so that the output can be made again
 * byte for byte.
 */
export function reportTime(env: NodeJS.ProcessEnv): string {
  const epoch = env['SOURCE_DATE_EPOCH']?.trim();
  const seconds = epoch !== undefined && /^\d{1,12}$/.test(epoch) ? Number(epoch) : Math.floor(Date.now() / 1000);
  return new Date(seconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

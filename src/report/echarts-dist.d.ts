/**
 * ECharts' single-file ES module build (echarts/dist/echarts.esm.min.mjs, an entry of its package
 * exports): the same API as the package's main entry, whose types it takes. charts.ts loads it
 * instead of the main entry, which is a tree of several hundred modules that costs five times the
 * memory to load (BENCHMARKS.md, "The report's memory").
 */
declare module 'echarts/dist/echarts.esm.min' {
  export * from 'echarts';
}

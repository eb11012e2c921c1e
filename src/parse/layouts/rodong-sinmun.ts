/** Rodong Sinmun's English site, web pages only: the paper's own articles, with no dateline and no end marker. See docs/layouts/rodong-sinmun.md. */
import type { Layout } from './types.js';

export const layout: Layout = {
  name: 'rodong-sinmun',
  endMarkers: false,
  cells: false,
  wrapped: false,
  datelines: false,
};

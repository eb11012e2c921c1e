/** A page layout: one file each in this folder, listed in order in index.ts. */
import type { Page } from '../../schema/types.js';
import type { FurnitureKind } from '../furniture.js';

export type LayoutName = Page['layout'];

/** What the page plan saw of a text capture, for the layouts to recognise themselves by. */
export interface PageFeatures {
  /** The kinds of furniture lines the page holds. */
  kinds: ReadonlySet<FurnitureKind>;
  /** Whether a capture date stands above everything else. */
  captured: boolean;
  /** Whether a dateline has kcna.co.jp's anchor id and title glued before it. */
  anyAnchored: boolean;
  /** How many stories the page splits into. */
  stories: number;
  anyEndMarker: boolean;
  /** Whether a line ends with a listing's '[…]'. */
  anyCut: boolean;
  /** Whether a kcna.kp stamp ('www.kcna.kp (...)', or one glued after '-0-') is on the page. */
  anyKcnaKpStamp: boolean;
  /** The teaser heading's source, when the page has a teaser list. */
  heading: string | null;
}

export interface Layout {
  name: LayoutName;
  /** Whether the layout's stories close with '-0-' (so that a missing one is worth a warning). */
  endMarkers: boolean;
  /** Whether a table cell's closing ' |' ends body lines (kcna.co.jp's KNS pages as text). */
  cells: boolean;
  /** Whether paragraphs are hard-wrapped: a line at column 0 continues the paragraph above. */
  wrapped: boolean;
  /** Whether the layout's stories open with a dateline (so that a missing one is worth a warning). */
  datelines: boolean;
  /**
   * Whether a text capture has this layout; layouts are asked in the registry's order and the first
   * to answer yes wins. Absent for layouts only a web page's template names (parse/html/sites/).
   */
  detect?: (page: PageFeatures) => boolean;
}

/**
 * Where the highlights panel goes. Beside the text when that still leaves the reading column a
 * comfortable measure; else over the reader's right edge as a drawer, so the text keeps its width.
 */

/** The panel's width, in rem (AnnotationsPanel takes it from --notes-panel-width). */
export const PANEL_WIDTH_REM = 17;

/** The narrowest reading column, in em of the reading font, that the panel may leave beside it. */
export const COMFORTABLE_MEASURE_EM = 34;

/**
 * Whether the panel fits beside the text: `room` is the width the text could have without the panel
 * (the reader's width less its padding and scrollbar), in px like the panel's width and the font size.
 */
export function panelFitsBeside(room: number, panelWidth: number, fontSize: number): boolean {
  return room - panelWidth >= COMFORTABLE_MEASURE_EM * fontSize;
}

/** Adding a template sheet through the workbook port: the sheet, then its drop-down lists. */
import { TEMPLATE_HEADER_ROW, type WorkbookPort } from '../workbook/port';
import type { TemplateLayout } from './sheet-templates';

/** Adds the sheet and its lists; answers the name it got. */
export async function addTemplateSheet(port: WorkbookPort, layout: TemplateLayout): Promise<string> {
  const name = await port.addSheet(layout.sheet);
  for (const l of layout.lists) await port.setListValidation(name, l.col, TEMPLATE_HEADER_ROW + 1, l.values);
  return name;
}

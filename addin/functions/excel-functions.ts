/**
 * The LOTLEDGER custom functions as Excel calls them, in the pane's shared runtime, so they
 * use its connection. Their JSDoc `@customfunction` tags are the source of functions.json
 * (addin/tools/functions-metadata.ts); the bodies are cell-functions.ts's, with its errors
 * turned into Excel's (#N/A, #VALUE! with the message Excel shows on the cell).
 */
import { isCellError, type CellAnswer } from './cell-functions';
import { sharedCellFunctions } from './shared';

/** The part of Excel's CustomFunctions runtime used here (a global inside Excel only). */
export interface CustomFunctionsRuntime {
  associate(id: string, fn: (...args: any[]) => unknown): void; // eslint-disable-line @typescript-eslint/no-explicit-any
  Error: new (code: string, message?: string) => Error;
  ErrorCode: { notAvailable: string; invalidValue: string };
}

const runtime = (): CustomFunctionsRuntime => (globalThis as unknown as { CustomFunctions: CustomFunctionsRuntime }).CustomFunctions;

/** Whether Excel takes a formatted number back from a function (data types, ExcelApi 1.16). */
const formattedNumbers = () => typeof Office !== 'undefined' && Office.context?.requirements?.isSetSupported('ExcelApi', '1.16') === true;

/** A cell answer as Excel takes it back: errors thrown as CustomFunctions.Error (#N/A, #VALUE! with the message). */
export function excelValue(a: CellAnswer): any { // eslint-disable-line @typescript-eslint/no-explicit-any
  if (isCellError(a)) {
    const { Error: CellError, ErrorCode } = runtime();
    throw new CellError(a.error === 'notAvailable' ? ErrorCode.notAvailable : ErrorCode.invalidValue, a.message);
  }
  if (typeof a === 'object') return formattedNumbers() ? { type: 'FormattedNumber', basicValue: a.serial, numberFormat: a.format } : a.serial;
  return a;
}

/**
 * The quantity on hand of an item: all of it, of one lot, and/or at one location.
 * @customfunction ONHAND
 * @param sku The item's SKU.
 * @param [lot] A lot of the item (blank: every lot).
 * @param [location] A location code (blank: every location).
 * @returns The quantity on hand; 0 when none; #N/A when the ledger knows no such item, lot or location.
 */
export async function onHand(sku: any, lot?: any, location?: any): Promise<number> { // eslint-disable-line @typescript-eslint/no-explicit-any
  return excelValue(await sharedCellFunctions.onHand(sku, lot, location));
}

/**
 * The expiry date of a lot.
 * @customfunction EXPIRY
 * @param sku The item's SKU.
 * @param lot The lot.
 * @returns The expiry date (a date serial number); #N/A when the lot is unknown or has no expiry.
 */
export async function expiry(sku: any, lot: any): Promise<any> { // eslint-disable-line @typescript-eslint/no-explicit-any
  return excelValue(await sharedCellFunctions.expiry(sku, lot));
}

/**
 * Where a serial unit is: its location code when in stock, the customer when shipped, "scrapped" when scrapped.
 * @customfunction SERIAL
 * @param serial The serial number.
 * @param [sku] The item's SKU, when two items share the serial.
 * @returns Where the unit is; #N/A when the ledger knows no such unit.
 */
export async function serial(serial: any, sku?: any): Promise<string> { // eslint-disable-line @typescript-eslint/no-explicit-any
  return excelValue(await sharedCellFunctions.serial(serial, sku));
}

/**
 * Whether a lot is on hold.
 * @customfunction HELD
 * @param sku The item's SKU.
 * @param lot The lot.
 * @returns TRUE when the lot is on hold; #N/A when the lot is unknown.
 */
export async function held(sku: any, lot: any): Promise<boolean> { // eslint-disable-line @typescript-eslint/no-explicit-any
  return excelValue(await sharedCellFunctions.held(sku, lot));
}

/** The functions by the ids functions.json gives them. */
export const EXCEL_FUNCTIONS = { ONHAND: onHand, EXPIRY: expiry, SERIAL: serial, HELD: held } as const;

/** Registers the functions with Excel (the shared runtime has no generated registration). */
export function associateExcelFunctions(): void {
  for (const [id, fn] of Object.entries(EXCEL_FUNCTIONS)) runtime().associate(id, fn);
}

type Run = (batch: (ctx: Excel.RequestContext) => Promise<void>) => Promise<void>;

/**
 * A full recalculation of the workbook: Excel computes custom functions again only when asked,
 * so when the pane connects (or disconnects) their "not connected" answers are replaced.
 */
export async function recalculateWorkbook(run: Run = (b) => Excel.run(b)): Promise<void> {
  await run(async (ctx) => {
    ctx.workbook.application.calculate('Full');
    await ctx.sync();
  });
}

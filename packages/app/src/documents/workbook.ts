import type ExcelJS from 'exceljs';

/**
 * A new Excel workbook signed by Stagegate. exceljs is a large CommonJS tree, so it is loaded the
 * first time a workbook is asked for, not when the server or a CLI command starts.
 */
export async function newWorkbook(): Promise<ExcelJS.Workbook> {
  const { default: Excel } = await import('exceljs');
  const wb = new Excel.Workbook();
  wb.creator = 'Stagegate';
  return wb;
}

export { renderExport, type ExportFile } from './render.ts';
export { exportLabels, exportWords, type ExportLabels } from './i18n/index.ts';

export { renderExport, type ExportFile } from './render.ts';
export { exportLabels, type ExportLabels } from './i18n/index.ts';

import { loadConfig } from '../../config/app-config';

/** Multer reads its limits when the controller class is declared, before Nest's DI exists. */
export function uploadLimits(): { fileSize: number; files: number; fields: number } {
  return { fileSize: loadConfig().assets.maxBytes, files: 1, fields: 10 };
}

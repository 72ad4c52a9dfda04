import fs from 'node:fs';
import { createRequire } from 'node:module';

/**
 * Noto Sans SC as static TTFs from the npm package @expo-google-fonts/noto-sans-sc (OFL): every
 * machine that ran `npm ci` has them, no apt font needed. pdfkit embeds only the glyphs a document
 * uses (CID subset), so a page stays small. WOFF2 (@fontsource) would print blank text in pdfkit.
 */
const require = createRequire(import.meta.url);
const files = {
  regular: '@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf',
  bold: '@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf',
} as const;

export interface DocumentFonts {
  regular: Buffer;
  bold: Buffer;
}

let loaded: DocumentFonts | undefined;

/** Reads the two faces (~10 MB each) once per process; later calls return the same buffers. */
export function documentFonts(): DocumentFonts {
  loaded ??= {
    regular: fs.readFileSync(require.resolve(files.regular)),
    bold: fs.readFileSync(require.resolve(files.bold)),
  };
  return loaded;
}

/** Font-family names a .docx asks Word for: 宋体 is on every Chinese Windows and WPS install. */
export const docxFonts = { eastAsia: '宋体', latin: 'Times New Roman', heading: '黑体' } as const;

/**
 * GeoReport v2 XML is the Spark convention read backwards: a JSON array under a plural name becomes a
 * container element with one child per item, named by `itemNames` (services → service, formats →
 * format). Written by hand so the output is exactly the spec's shape and needs no dependency.
 */
export type XmlScalar = string | number | boolean | null | undefined;
export type XmlValue = XmlScalar | XmlRecord | XmlValue[];
export interface XmlRecord {
  [name: string]: XmlValue;
}

// XML 1.0 forbids most control characters even when escaped; a stray one would make the document unreadable.
// eslint-disable-next-line no-control-regex
const forbiddenChars = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

export function escapeXml(text: string): string {
  return text
    .replace(forbiddenChars, '')
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&apos;');
}

function element(name: string, value: XmlValue, itemNames: Readonly<Record<string, string>>, indent: string): string {
  if (value === null || value === undefined || value === '') return `${indent}<${name}/>`;
  if (Array.isArray(value)) {
    const itemName = itemNames[name];
    if (!itemName) throw new RangeError(`no item element name for <${name}>`);
    if (value.length === 0) return `${indent}<${name}/>`;
    const items = value.map((v) => element(itemName, v, itemNames, `${indent}  `));
    return `${indent}<${name}>\n${items.join('\n')}\n${indent}</${name}>`;
  }
  if (typeof value === 'object') {
    const children = Object.entries(value).map(([k, v]) => element(k, v, itemNames, `${indent}  `));
    return children.length ? `${indent}<${name}>\n${children.join('\n')}\n${indent}</${name}>` : `${indent}<${name}/>`;
  }
  return `${indent}<${name}>${escapeXml(String(value))}</${name}>`;
}

/** A whole document: the declaration the spec requires, then the root element. */
export function toXmlDocument(root: string, value: XmlValue, itemNames: Readonly<Record<string, string>>): string {
  return `<?xml version="1.0" encoding="utf-8"?>\n${element(root, value, itemNames, '')}\n`;
}

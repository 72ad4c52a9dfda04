import { reportEventSchema, type ReportEvent } from '@shizhi/domain';
import { fileEvent, findCurrentCategory, type EventsDeps } from '../../events/index.ts';
import { filerForClient, type ApiClient } from '../../intake/index.ts';
import { Open311Error } from '../format.ts';
import { placeFromAddress } from '../resolve-address.ts';
import { serviceNotice } from '../services.ts';

/** The form fields of POST requests, after empty ones were dropped ("optional" means empty = absent). */
export type RequestFields = Readonly<Record<string, string | undefined>>;

export interface PostedRequest {
  service_request_id: string;
  service_notice: string;
  account_id: string | null;
}

function point(fields: RequestFields): { lng: number; lat: number } | null {
  if (fields.lat === undefined && fields.long === undefined) return null;
  if (fields.lat === undefined || fields.long === undefined) throw new Open311Error(400, 'lat and long must be sent together');
  const lat = Number(fields.lat);
  const lng = Number(fields.long);
  if (!Number.isFinite(lat) || !Number.isFinite(lng)) throw new Open311Error(400, 'lat and long must be WGS84 decimal degrees');
  return { lng, lat };
}

// Chinese order (family name first) unless both parts are Latin, as an overseas app would send them.
function personName(first: string | undefined, last: string | undefined): string | undefined {
  if (!first && !last) return undefined;
  const latin = /^[\p{Script=Latin}\s'.-]*$/u;
  const name = latin.test(first ?? '') && latin.test(last ?? '') ? [first, last].filter(Boolean).join(' ') : `${last ?? ''}${first ?? ''}`;
  return name.slice(0, 50);
}

/** A mobile number goes where staff expect it; a landline is kept as given (digits only). */
function contactPhone(raw: string | undefined): { mobile?: string; other?: string } {
  if (!raw) return {};
  const digits = raw.replace(/[\s()-]/g, '').replace(/^(\+?86)(?=1\d{10}$)/, '');
  if (/^1\d{10}$/.test(digits)) return { mobile: digits };
  if (/^\+?\d{5,20}$/.test(digits)) return { other: digits };
  throw new Open311Error(400, 'phone is not a phone number');
}

function mediaUrl(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Open311Error(400, 'media_url is not a URL');
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || raw.length > 1000) throw new Open311Error(400, 'media_url must be an http(s) URL');
  return raw;
}

/**
 * POST requests: an Open311 client (a city app, a 12345 system) files a report for the service
 * chosen. The location is the point, else the address_id (our grid or community code), else the
 * community named in address_string; a place outside the area the key was issued for is refused.
 */
export async function postServiceRequest(
  events: EventsDeps,
  client: ApiClient,
  fields: RequestFields,
  idempotencyKey: string | null,
): Promise<PostedRequest> {
  if (!fields.service_code) throw new Open311Error(400, 'service_code was not provided');
  const category = await findCurrentCategory(events.db, fields.service_code);
  if (!category || category.parentCode === null) throw new Open311Error(404, `service_code ${fields.service_code} was not found`);

  const at = point(fields);
  const address = fields.address_string?.slice(0, 200);
  let orgCode: string | undefined;
  if (fields.address_id) {
    if (!/^\d{12}(\d{3})?$/.test(fields.address_id)) throw new Open311Error(400, `address_id ${fields.address_id} is not a grid or community code`);
    orgCode = fields.address_id;
  } else if (address) {
    orgCode = (await placeFromAddress(events.db, address)) ?? undefined;
  }
  if (!at && !orgCode) {
    throw new Open311Error(
      400,
      address ? 'address_string names no community of this jurisdiction; send lat and long' : 'a location is required: lat and long, address_string or address_id',
    );
  }

  const description = fields.description ?? category.name;
  if (description.length > 4000) throw new Open311Error(400, 'description is longer than 4000 characters');
  const phone = contactPhone(fields.phone);
  const name = personName(fields.first_name, fields.last_name);
  const candidate = {
    categoryCode: category.code,
    description: description.length >= 2 ? description : category.name,
    location: { ...(at ?? {}), ...(address ? { address } : {}), ...(orgCode ? { orgCode } : {}) },
    reporter: { name, phone: phone.mobile },
  };
  const parsed = reportEventSchema.safeParse(candidate);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = issue.path[0] === 'location' ? 'location (lat/long outside the area served)' : issue.path.join('.');
    throw new Open311Error(400, `${field}: ${issue.message}`);
  }
  const input: ReportEvent = parsed.data;

  const filer = { ...filerForClient(client, 'open311'), ...(name ? { name } : {}), phone: phone.other ?? null };
  const media = mediaUrl(fields.media_url);
  const result = await fileEvent(events, filer, input, idempotencyKey, {
    timelineData: {
      client: client.name,
      ...(fields.device_id ? { deviceId: fields.device_id.slice(0, 200) } : {}),
      ...(fields.account_id ? { accountId: fields.account_id.slice(0, 200) } : {}),
      ...(media ? { mediaUrl: media } : {}),
    },
  });
  return { service_request_id: result.number, service_notice: serviceNotice(category.rules), account_id: fields.account_id ?? null };
}

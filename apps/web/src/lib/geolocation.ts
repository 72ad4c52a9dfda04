export interface DevicePoint {
  lng: number;
  lat: number;
  /** Metres, as the device reports it. */
  accuracy: number;
}

export type GeolocationFailure = 'unsupported' | 'denied' | 'unavailable' | 'timeout';

export class GeolocationError extends Error {
  readonly reason: GeolocationFailure;
  constructor(reason: GeolocationFailure) {
    super(reason);
    this.name = 'GeolocationError';
    this.reason = reason;
  }
}

/** One reading from the device. Browsers allow it only on https or localhost; callers need a fallback. */
export function readDevicePoint(timeoutMs = 10_000): Promise<DevicePoint> {
  return new Promise((resolve, reject) => {
    if (!('geolocation' in navigator)) {
      reject(new GeolocationError('unsupported'));
      return;
    }
    navigator.geolocation.getCurrentPosition(
      (position) =>
        resolve({
          lng: Number(position.coords.longitude.toFixed(6)),
          lat: Number(position.coords.latitude.toFixed(6)),
          accuracy: Math.round(position.coords.accuracy),
        }),
      (error) =>
        reject(
          new GeolocationError(
            error.code === error.PERMISSION_DENIED ? 'denied' : error.code === error.TIMEOUT ? 'timeout' : 'unavailable',
          ),
        ),
      { enableHighAccuracy: true, timeout: timeoutMs, maximumAge: 60_000 },
    );
  });
}

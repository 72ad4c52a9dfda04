import { useEffect, useMemo } from 'react';
import L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import { CircleMarker, MapContainer, Polygon, ScaleControl, TileLayer, Tooltip, useMap, useMapEvents } from 'react-leaflet';
import type { GridCollection } from '@shizhi/domain';
import './event-ui.css';

export interface MapPoint {
  lng: number;
  lat: number;
}

export interface EventLocationMapProps {
  /** The reported point, drawn as a marker. */
  point?: MapPoint | null;
  /** Grid outlines for context (the event's grid, or a unit's grids to pick in). */
  collection?: GridCollection | null;
  /** A grid to draw stronger, e.g. the event's own. */
  highlightCode?: string | null;
  /** Makes the map a picker: a click moves the point. */
  onPick?: (point: MapPoint) => void;
  hint?: string;
  tileUrl?: string | null;
  height?: number | string;
  testId?: string;
}

const fallbackCenter: L.LatLngTuple = [39.82, 109.98];

function collectionBounds(collection: GridCollection | null | undefined, only?: string | null): L.LatLngBounds | null {
  if (!collection) return null;
  const features = only ? collection.features.filter((f) => f.properties.code === only) : collection.features;
  const points = features.flatMap((f) => f.geometry.coordinates.flat());
  if (points.length === 0) return null;
  return L.latLngBounds(points.map(([lng, lat]) => [lat, lng] as L.LatLngTuple));
}

/** A small map for one case: its point inside its grid, or a picker over a unit's grids. */
export function EventLocationMap({
  point,
  collection,
  highlightCode,
  onPick,
  hint,
  tileUrl,
  height = 260,
  testId = 'event-map',
}: EventLocationMapProps) {
  const bounds = useMemo(() => collectionBounds(collection, highlightCode) ?? collectionBounds(collection), [collection, highlightCode]);
  const single = collection?.features.length === 1;
  return (
    <div className={onPick ? 'ev-map is-picking' : 'ev-map'} style={{ height }} data-testid={testId}>
      <MapContainer
        {...(bounds
          ? { bounds, boundsOptions: { padding: [24, 24] } }
          : { center: point ? ([point.lat, point.lng] as L.LatLngTuple) : fallbackCenter, zoom: point ? 16 : 11 })}
        zoomSnap={0.25}
        attributionControl={Boolean(tileUrl)}
        scrollWheelZoom={Boolean(onPick)}
      >
        {tileUrl ? <TileLayer url={tileUrl} /> : null}
        <ScaleControl imperial={false} position="bottomleft" />
        <FitOnChange bounds={bounds} />
        {collection?.features.map((feature) => {
          const strong = single || feature.properties.code === highlightCode;
          return (
            <Polygon
              key={feature.properties.code}
              positions={feature.geometry.coordinates.map((ring) => ring.map(([lng, lat]) => [lat, lng] as L.LatLngTuple))}
              pathOptions={
                strong
                  ? { color: '#1554b0', weight: 2, fillColor: '#5b8ff9', fillOpacity: 0.22 }
                  : { color: '#ffffff', weight: 1, fillColor: '#7fa6dc', fillOpacity: 0.35 }
              }
            >
              <Tooltip sticky direction="top" offset={[0, -6]}>
                {feature.properties.name}
              </Tooltip>
            </Polygon>
          );
        })}
        {point ? (
          <CircleMarker
            center={[point.lat, point.lng]}
            radius={9}
            pathOptions={{ color: '#ffffff', weight: 3, fillColor: '#e8590c', fillOpacity: 1 }}
            interactive={false}
          />
        ) : null}
        {onPick ? <PickOnClick onPick={onPick} /> : null}
      </MapContainer>
      {hint ? <div className="ev-map-hint">{hint}</div> : null}
    </div>
  );
}

function FitOnChange({ bounds }: { bounds: L.LatLngBounds | null }) {
  const map = useMap();
  useEffect(() => {
    const observer = new ResizeObserver(() => map.invalidateSize());
    observer.observe(map.getContainer());
    return () => observer.disconnect();
  }, [map]);
  useEffect(() => {
    if (bounds?.isValid()) map.fitBounds(bounds, { padding: [24, 24] });
  }, [map, bounds]);
  return null;
}

function PickOnClick({ onPick }: { onPick: (point: MapPoint) => void }) {
  useMapEvents({
    click: (event) => onPick({ lng: Number(event.latlng.lng.toFixed(6)), lat: Number(event.latlng.lat.toFixed(6)) }),
  });
  return null;
}

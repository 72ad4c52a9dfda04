import { useEffect, useMemo, useRef, useState } from 'react';
import L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import { MapContainer, Popup, ScaleControl, TileLayer, useMap } from 'react-leaflet';
import type { GridCollection, GridFeature } from '@shizhi/domain';
import { useFormatNumber, useT } from '../i18n/index.ts';
import {
  householdBreaks,
  householdColors,
  ruralColor,
  shortGridName,
  urbanColor,
  villageColors,
  gridFillColor,
  type GridColorMode,
} from './grid-map-style.ts';
import './grid-map.css';

export interface GridMapProps {
  collection: GridCollection;
  colorMode?: GridColorMode;
  /** Controlled selection; leave undefined to let the map keep its own. */
  selectedCode?: string | null;
  onSelect?: (code: string | null) => void;
  tileUrl?: string | null;
  height?: number | string;
  /** Names drawn on the polygons: the whole name, or without the community's (for a street's grids). */
  labels?: 'none' | 'short' | 'full';
  showLegend?: boolean;
  testId?: string;
}

/** Dongsheng district, used only until a collection with geometry arrives. */
const fallbackCenter: L.LatLngTuple = [39.82, 109.98];

function boundsOfCollection(collection: GridCollection): L.LatLngBounds | null {
  if (collection.bbox) {
    const [minLng, minLat, maxLng, maxLat] = collection.bbox;
    return L.latLngBounds([minLat, minLng], [maxLat, maxLng]);
  }
  const points = collection.features.flatMap((f) => f.geometry.coordinates.flat());
  if (points.length === 0) return null;
  return L.latLngBounds(points.map(([lng, lat]) => [lat, lng] as L.LatLngTuple));
}

function featureCenter(feature: GridFeature): L.LatLng {
  const ring = feature.geometry.coordinates[0] ?? [];
  return L.latLngBounds(ring.map(([lng, lat]) => [lat, lng] as L.LatLngTuple)).getCenter();
}

function pathStyle(
  feature: GridFeature,
  mode: GridColorMode,
  state: 'normal' | 'hover' | 'selected',
  villages: ReadonlyMap<string, string>,
): L.PathOptions {
  const fill = gridFillColor(feature, mode, villages);
  if (state === 'selected') return { color: '#f08c00', weight: 3, fillColor: fill, fillOpacity: 0.72, opacity: 1 };
  if (state === 'hover') return { color: '#0b3a75', weight: 2, fillColor: fill, fillOpacity: 0.68, opacity: 1 };
  return { color: '#ffffff', weight: 1, fillColor: fill, fillOpacity: 0.55, opacity: 0.9 };
}

export function GridMap({
  collection,
  colorMode = 'urban',
  selectedCode,
  onSelect,
  tileUrl,
  height = 480,
  labels = 'none',
  showLegend = true,
  testId = 'grid-map',
}: GridMapProps) {
  const [ownSelection, setOwnSelection] = useState<string | null>(null);
  const current = selectedCode === undefined ? ownSelection : selectedCode;
  const [popupCode, setPopupCode] = useState<string | null>(null);
  const initialBounds = useMemo(() => boundsOfCollection(collection), [collection]);

  useEffect(() => {
    setPopupCode(current);
  }, [current]);

  const select = (code: string | null) => {
    setOwnSelection(code);
    setPopupCode(code);
    onSelect?.(code);
  };

  const popupFeature = popupCode ? collection.features.find((f) => f.properties.code === popupCode) : undefined;

  return (
    <div className="grid-map" data-testid={testId} style={{ height }}>
      <MapContainer
        {...(initialBounds
          ? { bounds: initialBounds, boundsOptions: { padding: [20, 20] } }
          : { center: fallbackCenter, zoom: 11 })}
        zoomSnap={0.25}
        attributionControl={Boolean(tileUrl)}
        scrollWheelZoom
      >
        {tileUrl ? <TileLayer url={tileUrl} /> : null}
        <ScaleControl imperial={false} position="bottomleft" />
        <GridLayers
          collection={collection}
          colorMode={colorMode}
          selectedCode={current}
          onSelect={select}
          labels={labels}
        />
        {popupFeature ? (
          <Popup
            key={popupFeature.properties.code}
            position={featureCenter(popupFeature)}
            eventHandlers={{ remove: () => setPopupCode(null) }}
          >
            <GridPopupContent feature={popupFeature} />
          </Popup>
        ) : null}
      </MapContainer>
      {showLegend ? <GridMapLegend collection={collection} mode={colorMode} /> : null}
    </div>
  );
}

interface GridLayersProps {
  collection: GridCollection;
  colorMode: GridColorMode;
  selectedCode: string | null;
  onSelect: (code: string) => void;
  labels: 'none' | 'short' | 'full';
}

/** Draws the polygons with Leaflet directly: one layer per grid, restyled in place on selection. */
function GridLayers({ collection, colorMode, selectedCode, onSelect, labels }: GridLayersProps) {
  const map = useMap();
  const layers = useRef(new Map<string, { layer: L.Path; feature: GridFeature }>());
  const selectedRef = useRef(selectedCode);
  const onSelectRef = useRef(onSelect);

  useEffect(() => {
    onSelectRef.current = onSelect;
    selectedRef.current = selectedCode;
  });

  useEffect(() => {
    const container = map.getContainer();
    const observer = new ResizeObserver(() => map.invalidateSize());
    observer.observe(container);
    return () => observer.disconnect();
  }, [map]);

  const villages = useMemo(() => villageColors(collection.features), [collection]);

  useEffect(() => {
    const registry = layers.current;
    const group = L.featureGroup();
    for (const feature of collection.features) {
      const ring = feature.geometry.coordinates.map((r) => r.map(([lng, lat]) => [lat, lng] as L.LatLngTuple));
      const code = feature.properties.code;
      const layer = L.polygon(
        ring,
        pathStyle(feature, colorMode, code === selectedRef.current ? 'selected' : 'normal', villages),
      );
      const hoverLabel = document.createElement('span');
      hoverLabel.textContent = `${feature.properties.name} · ${feature.properties.villageName}`;
      if (labels === 'none') {
        layer.bindTooltip(hoverLabel, { sticky: true, direction: 'top', offset: [0, -6] });
      } else {
        const label = document.createElement('span');
        label.textContent = labels === 'short' ? shortGridName(feature) : feature.properties.name;
        layer.bindTooltip(label, { permanent: true, direction: 'center', className: 'grid-map-label' });
      }
      layer.on({
        click: () => onSelectRef.current(code),
        mouseover: () => {
          if (selectedRef.current !== code) layer.setStyle(pathStyle(feature, colorMode, 'hover', villages));
        },
        mouseout: () => {
          if (selectedRef.current !== code) layer.setStyle(pathStyle(feature, colorMode, 'normal', villages));
        },
      });
      registry.set(code, { layer, feature });
      group.addLayer(layer);
    }
    group.addTo(map);
    const bounds = group.getBounds();
    if (bounds.isValid()) map.fitBounds(bounds, { padding: [20, 20] });
    return () => {
      group.remove();
      registry.clear();
    };
  }, [map, collection, colorMode, labels, villages]);

  useEffect(() => {
    for (const [code, { layer, feature }] of layers.current) {
      layer.setStyle(pathStyle(feature, colorMode, code === selectedCode ? 'selected' : 'normal', villages));
    }
    const entry = selectedCode ? layers.current.get(selectedCode) : undefined;
    if (!entry) return;
    entry.layer.bringToFront();
    const bounds = (entry.layer as L.Polygon).getBounds();
    const topLeft = map.latLngToContainerPoint(bounds.getNorthWest());
    const bottomRight = map.latLngToContainerPoint(bounds.getSouthEast());
    const tooSmall = Math.min(bottomRight.x - topLeft.x, bottomRight.y - topLeft.y) < 36;
    if (tooSmall || !map.getBounds().contains(bounds)) {
      map.fitBounds(bounds.pad(1.5), { maxZoom: 16 });
    }
  }, [map, selectedCode, colorMode, collection, villages]);

  return null;
}

function GridPopupContent({ feature }: { feature: GridFeature }) {
  const t = useT();
  const formatNumber = useFormatNumber();
  const p = feature.properties;
  const posts = (['A', 'B'] as const).map((post) => ({
    post,
    worker: p.workers.find((w) => w.post === post),
  }));
  return (
    <div data-testid="grid-popup">
      <div className="grid-map-popup-title">{p.name}</div>
      <div className="grid-map-popup-code">{p.code}</div>
      <div className="grid-map-popup-row">
        <span>{t('map.village')}</span>
        <span>{p.villageName}</span>
      </div>
      <div className="grid-map-popup-row">
        <span>{t('common.households')}</span>
        <span>{formatNumber(p.households)}</span>
      </div>
      <div className="grid-map-popup-row">
        <span>{t('common.population')}</span>
        <span>{formatNumber(p.population)}</span>
      </div>
      <div className="grid-map-popup-workers">
        {posts.map(({ post, worker }) => (
          <div className="grid-map-popup-row" key={post}>
            <span>{t('org.post', { post })}</span>
            <span>{worker ? `${worker.workerName} ${worker.phone}` : t('map.noWorker')}</span>
          </div>
        ))}
      </div>
    </div>
  );
}

function GridMapLegend({ collection, mode }: { collection: GridCollection; mode: GridColorMode }) {
  const t = useT();
  const formatNumber = useFormatNumber();
  if (mode === 'urban') {
    const urban = collection.features.filter((f) => f.properties.urban).length;
    const rural = collection.features.length - urban;
    return (
      <div className="grid-map-legend" data-testid="grid-map-legend">
        <div className="grid-map-legend-title">{t('map.legend')}</div>
        <div>
          <span className="grid-map-legend-swatch" style={{ background: urbanColor }} />
          {t('common.urban')} · {t('common.unitCount', { n: formatNumber(urban) })}
        </div>
        <div>
          <span className="grid-map-legend-swatch" style={{ background: ruralColor }} />
          {t('common.rural')} · {t('common.unitCount', { n: formatNumber(rural) })}
        </div>
      </div>
    );
  }
  if (mode === 'village') {
    const colors = villageColors(collection.features);
    const names = new Map(collection.features.map((f) => [f.properties.villageCode, f.properties.villageName]));
    const entries = [...colors.entries()];
    const shown = entries.slice(0, 8);
    return (
      <div className="grid-map-legend" data-testid="grid-map-legend">
        <div className="grid-map-legend-title">
          {t('map.legend')} · {t('map.village')}
        </div>
        {shown.map(([code, color]) => (
          <div key={code}>
            <span className="grid-map-legend-swatch" style={{ background: color }} />
            {names.get(code)}
          </div>
        ))}
        {entries.length > shown.length ? <div>{t('map.moreVillages', { n: entries.length - shown.length })}</div> : null}
      </div>
    );
  }
  const limits = [0, ...householdBreaks];
  return (
    <div className="grid-map-legend" data-testid="grid-map-legend">
      <div className="grid-map-legend-title">
        {t('map.legend')} · {t('common.households')}
      </div>
      {householdColors.map((color, index) => {
        const from = limits[index] ?? 0;
        const next = householdBreaks[index];
        return (
          <div key={color}>
            <span className="grid-map-legend-swatch" style={{ background: color }} />
            {next === undefined ? t('map.rangeOpen', { from }) : t('map.range', { from, to: next - 1 })}
          </div>
        );
      })}
    </div>
  );
}

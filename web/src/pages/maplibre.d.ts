/** MapLibre's CSP build has the types of the main build; Vite's `?url` imports are URLs. */
declare module 'maplibre-gl/dist/maplibre-gl-csp.js' {
  const maplibre: typeof import('maplibre-gl');
  export default maplibre;
}
declare module '*?url' {
  const url: string;
  export default url;
}

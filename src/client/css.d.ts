// Stylesheet side-effect imports (`import './globals.css'`). Next's own declaration lives in next-env.d.ts,
// which is generated on the first `next dev`/`next build`; this keeps `tsc` working on a fresh clone.
declare module '*.css';

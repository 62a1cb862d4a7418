// The design's colours for the node-side tests, read from the one spec every test shares
// (tests/fixtures/palette.json; tests/browser.rs reads the same file), never from the code.
import { readFileSync } from "node:fs";

/** Per theme (light, dark), each colour as "#rrggbb". */
export const PALETTE = JSON.parse(readFileSync(new URL("fixtures/palette.json", import.meta.url), "utf8"));

/** "#rrggbb" as [r, g, b]. */
export const rgb = (hex) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));

/** The colour `name` of theme `theme` as [r, g, b]. */
export const colour = (theme, name) => rgb(PALETTE[theme][name]);

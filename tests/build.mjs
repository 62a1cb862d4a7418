// The build's folder in dist/ (dist/b-<hash>/, see .ci/dist.sh): where every file but the
// entries and pages is. Tests that name the bundle's files name them through it.
import { readdirSync } from "node:fs";

const DIST = new URL("../dist/", import.meta.url);
const builds = readdirSync(DIST).filter((name) => /^b-[0-9a-f]{10}$/.test(name));
if (builds.length !== 1) throw new Error(`dist/ must hold one build folder (run make dist); found ${builds.join(", ") || "none"}`);

/** The build folder's name, e.g. "b-0123456789". */
export const BUILD = builds[0];

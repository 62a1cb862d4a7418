// Failures as the widget reports them: a sentence naming the stage that failed (the
// module, data-src, its data, an attribute, the drawing), then the technical detail.

/** A failure: `sentence`, then `detail`'s description. Wrapping one again keeps it as it is. */
export function failure(sentence, detail) {
  if (detail instanceof Error && detail.stage) return detail;
  const e = new Error(detail === undefined ? sentence : `${sentence}. ${describeError(detail)}`);
  e.stage = true;
  return e;
}

/** An exception's detail: its message, with its kind when that says more ("TypeError: …"). */
export function describeError(e) {
  if (!(e instanceof Error)) return String(e);
  if (typeof WebAssembly === "object" && e instanceof WebAssembly.RuntimeError) {
    // A trap is a bug of ours, not the editor's: say so rather than "unreachable".
    return `internal error (${e.message}); please report it with the data used`;
  }
  return e.name && e.name !== "Error" ? `${e.name}: ${e.message}` : e.message;
}

export const notDrawn = (id, detail) => failure(`The chart "${id}" could not be drawn`, detail);
export const notLoaded = (detail) => failure("The data file in data-src could not be loaded", detail);

// The widget's CSV download (www/embed/csv.js), from rows shaped as the module's table()
// gives them; expected strings written by hand.
//   node --test tests/node/csv.test.mjs
import { test } from "node:test";
import assert from "node:assert/strict";
import { cell, csv } from "../../www/embed/csv.js";

const COLUMNS = ["id", "label", "value", "unit", "as stated", "period", "kind", "derivation", "source"];

const figure = (over) => ({
  id: "fai-growth-2019",
  label: "Fixed-asset investment growth",
  value: 17.6,
  unit: "%",
  valueText: "17.6%",
  period: "2019",
  kind: null,
  derived: null,
  source: "Source: “Solid steps towards high-quality growth”, paragraph 1",
  ...over,
});

test("a BOM, a header, one CRLF row per figure; notes, lines and bands are left out", () => {
  const rows = [
    figure(),
    { id: null, label: "Rose despite the epidemic", value: null, unit: "", valueText: "Note · …", period: "", source: "" },
    figure({ id: "pct", label: "PCT", value: 32, unit: "项", valueText: "32 filings" }),
    { id: null, label: "China 6.1%", value: 6.1, unit: "%", valueText: "Reference line · 6.1%", period: "", source: "" },
  ];
  const text = csv(rows, COLUMNS);
  assert.ok(text.startsWith("\uFEFF"));
  assert.equal(
    text.slice(1),
    "id,label,value,unit,as stated,period,kind,derivation,source\r\n" +
      "fai-growth-2019,Fixed-asset investment growth,17.6,%,17.6%,2019,,,\"Source: “Solid steps towards high-quality growth”, paragraph 1\"\r\n" +
      "pct,PCT,32,项,32 filings,2019,,,\"Source: “Solid steps towards high-quality growth”, paragraph 1\"\r\n",
  );
});

test("values are plain decimals with at most nine decimals, and none for a figure without", () => {
  const value = (v) => csv([figure({ value: v })], COLUMNS).split("\r\n")[1].split(",")[2];
  assert.deepEqual(
    [0, -0, 10, 100, 0.5, -3.25, 1e-7, 1.23456789012, 1e15, null].map(value),
    ["0", "0", "10", "100", "0.5", "-3.25", "0.0000001", "1.23456789", "1000000000000000", ""],
  );
});

test("cells are quoted when needed and defused when a spreadsheet would run them", () => {
  assert.equal(cell("a,b"), '"a,b"');
  assert.equal(cell('say "hi"'), '"say ""hi"""');
  assert.equal(cell("two\nlines"), '"two\nlines"');
  assert.equal(cell("=HYPERLINK(1)"), "'=HYPERLINK(1)");
  assert.equal(cell("+1"), "'+1");
  assert.equal(cell("@SUM(A1)"), "'@SUM(A1)");
  assert.equal(cell("-3.5"), "-3.5");
  assert.equal(cell("-1,234.5"), '"-1,234.5"');
  assert.equal(cell("-"), "'-");
  assert.equal(cell("-.5e3"), "'-.5e3");
  assert.equal(cell("-cmd"), "'-cmd");
  assert.equal(cell(null), "");
});

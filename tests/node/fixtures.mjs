// What the node tests share: the journalist's table (as WPS copies it: tabs, CRLF, a
// Chinese header, values typed as journalists type them), and a stand-in for the module's
// readValue that reads those values as its contract says (tests of the editor's wiring;
// the module's own reading is tested in Rust, and below with the real module if built).
import { existsSync, readFileSync } from "node:fs";

export const SUZHOU = [
  "苏州工业园区2023年主要经济指标",
  "指标\t数值\t单位\t年份\t备注",
  "地区生产总值\t3686亿元\t\t2023\t",
  "地区生产总值增速\t5.6%\t\t2023\t",
  "一般公共预算收入\t约5亿元\t\t2023\t估算",
  "进出口总额增速\t-3.2%\t\t2023\t",
  "实际使用外资\t18.5亿美元\t\t2023\t",
  "新增就业\t1.2万\t人\t2023\t",
  "新增外资企业\t超100家\t\t2023\t",
  "高新技术企业\t3,000\t家\t2023\t",
  "研发投入增速\t12%\t\t2023\t",
  "社会消费品零售总额增速\t8.1%\t\t2023\t",
  "工业投资增速\t近10%\t\t\t",
].join("\r\n");

/** The table's caption (its first line), which becomes the pasted rows' chart's title. */
export const SUZHOU_CAPTION = SUZHOU.split(/\r\n/)[0];

/** The rows of the table as pasted: [label, value as typed (with its unit cell's word)]. */
export const SUZHOU_ROWS = SUZHOU.split(/\r\n/).slice(2).map((line) => {
  const [label, value, unit] = line.split("\t");
  return [label, value.endsWith(unit) ? value : `${value}${unit}`];
});

const BOUNDS = [["约", "about"], ["近", "nearly"], ["超", "more_than"]];

/** The contract's readValue, for the values above: {value, unit, unitKnown, bound, typed, reading}. */
export function fakeReadValue(text) {
  let t = text.trim();
  let bound = "exact";
  for (const [w, id] of BOUNDS) {
    if (t.startsWith(w)) {
      bound = id;
      t = t.slice(w.length);
    }
  }
  const m = /^([-+]?[\d,]*\.?\d+)(万|亿)?(.*)$/.exec(t);
  if (!m) return { value: null, unit: "", unitKnown: false, bound, typed: text, reading: "", error: `“${text}”读不出数字` };
  if (/^e\d/i.test(m[3])) return { value: null, unit: "", bound, typed: text, reading: "", error: `“${text}”太大` };
  const value = Number(m[1].replace(/,/g, ""));
  const unit = `${m[2] ?? ""}${m[3]}`;
  if (!Number.isFinite(value)) return { value: null, unit, bound, typed: text, reading: "", error: "太大" };
  const plain = String(value) === text.trim();
  return { value, unit, unitKnown: ["%", "亿元", "亿美元", "家", "万人"].includes(unit), bound, typed: plain ? "" : text.trim(), reading: [bound === "exact" ? "" : BOUNDS.find((b) => b[1] === bound)[0], value, unit].filter((x) => x !== "").join(" · ") };
}

/** The editor's module, when its build has readValue (pkg-editor/), else null. */
export async function realModule() {
  const dir = new URL("../../pkg-editor/", import.meta.url);
  if (!existsSync(new URL("park_infographic_bg.wasm", dir))) return null;
  const m = await import(new URL("park_infographic.js", dir));
  m.initSync({ module: readFileSync(new URL("park_infographic_bg.wasm", dir)) });
  return typeof m.readValue === "function" ? m : null;
}

/** A localStorage stand-in holding at most `quota` characters (keys and values). */
export class MemoryStorage {
  constructor(quota = Infinity) {
    this.map = new Map();
    this.quota = quota;
  }
  getItem(k) {
    return this.map.has(k) ? this.map.get(k) : null;
  }
  setItem(k, v) {
    const used = [...this.map].reduce((n, [a, b]) => n + (a === k ? 0 : a.length + b.length), 0);
    if (used + k.length + String(v).length > this.quota) {
      const e = new Error("The quota has been exceeded.");
      e.name = "QuotaExceededError";
      throw e;
    }
    this.map.set(k, String(v));
  }
  removeItem(k) {
    this.map.delete(k);
  }
}

/**
 * A small schema-3 dataset for publishing: a chart with English, and one in Chinese only
 * (its figure has no English label; its title has markup characters to escape).
 */
export const TWO_CHARTS = {
  schema: 3,
  subject: { zh: "苏州工业园区", en: "Suzhou Industrial Park" },
  source: { title: { zh: "年报", en: "Annual report" }, sections: [{ id: "main", title: { zh: "正文", en: "Text" }, paragraphs: 3 }] },
  charts: [
    { id: "growth-2023", form: "bars", title: { zh: "增速（%）", en: "Growth (%)" }, description: { zh: "两项增速", en: "Two growth rates" } },
    { id: "firms", form: "tiles", title: { zh: "企业 <数量> & \"家\"", en: "" }, description: { zh: "新增企业", en: "" } },
  ],
  figures: [
    { id: "gdp", label: { zh: "地区生产总值增速", en: "GDP growth" }, value: 5.6, unit: "%", chart: "growth-2023" },
    { id: "trade", label: { zh: "进出口增速", en: "Trade growth" }, value: -3.2, unit: "%", chart: "growth-2023" },
    { id: "new-firms", label: { zh: "新增外资企业" }, value: 100, unit: "家", bound: "more_than", chart: "firms" },
  ],
};

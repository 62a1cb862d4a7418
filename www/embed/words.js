// The widget's own words around the charts (the charts' words come from the module).
export const WORDS = {
  zh: {
    loading: "图表加载中…",
    error: "图表无法显示",
    table: "数据表",
    png: "下载图片",
    csv: "下载数据",
    chart: "图表",
    columns: ["指标", "数值", "时期", "来源"],
    csvColumns: ["编号", "指标", "数值", "单位", "表述", "时期", "类型", "推算规则", "来源"],
  },
  en: {
    loading: "Loading chart…",
    error: "The chart cannot be shown",
    table: "Data table",
    png: "Download image",
    csv: "Download data",
    chart: "chart",
    columns: ["Figure", "Value", "Period", "Source"],
    csvColumns: ["id", "label", "value", "unit", "as stated", "period", "kind", "derivation", "source"],
  },
};

/** The language subtag the widget's words and file names use: zh-CN → zh, en-GB → en. */
export const langKey = (lang) => String(lang).split("-")[0];

/** The widget's words for `lang` (Chinese for a language it has none in). */
export const wordsFor = (lang) => WORDS[langKey(lang)] ?? WORDS.zh;

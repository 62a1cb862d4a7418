// The first CJK text measured on a canvas in a fresh page: the font lookup both libraries
// pay before their first label (no web font is involved; the system CJK font is used).
const FONT =
  '"Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", "WenQuanYi Micro Hei", sans-serif';
const now = () => performance.now();
const ctx = document.createElement("canvas").getContext("2d");
const t = {};
let a = now();
ctx.font = `13px ${FONT}`;
ctx.measureText("固定资产投资增速");
t.firstCjkText = now() - a;
a = now();
ctx.measureText("规上工业产值增速 17.6%");
t.nextCjkText = now() - a;
window.__cold = t;

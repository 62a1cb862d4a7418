//! Writes small .xlsx workbooks from minimal SpreadsheetML parts, for the tests and for the
//! e2e fixture (examples/suzhou.rs): calamine only reads, so workbooks are built here with
//! the zip crate, as Excel lays them out (shared strings, a styles part with number
//! formats, one part per sheet).

use std::io::{Cursor, Write};

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

/// A cell to write.
#[derive(Clone, Copy, Debug)]
pub enum C<'a> {
    /// A string in the shared-strings part (what Excel writes for typed text).
    S(&'a str),
    /// A string written in the cell itself (`t="inlineStr"`).
    Inline(&'a str),
    /// A number with a style of [`STYLES`] (0: General).
    N(f64, u32),
    /// A formula with its last computed value.
    F(&'a str, f64),
    /// A formula never computed (no value in the file).
    Uncomputed(&'a str),
    B(bool),
    /// `#DIV/0!`.
    Div0,
    /// A cell element without a value (`<c r="B2" s="1"/>`, as Excel writes formatted blanks).
    Blank,
    /// No cell element at all.
    Skip,
}

/// The cell styles a number may take, by index: (numFmtId, a custom code for ids ≥ 164).
pub const STYLES: [(u32, &str); 10] = [
    (0, ""),                        // 0 General
    (9, ""),                        // 1 0%
    (10, ""),                       // 2 0.00%
    (164, "0.0%"),                  // 3
    (3, ""),                        // 4 #,##0
    (165, "0.0\"亿元\""),           // 5
    (14, ""),                       // 6 the locale's short date
    (166, "yyyy\"年\"m\"月\""),     // 7
    (167, "#,##0.00_);(#,##0.00)"), // 8
    (31, ""),                       // 9 zh-CN: yyyy"年"m"月"d"日"
];

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn column(mut c: usize) -> String {
    let mut name = Vec::new();
    loop {
        name.insert(0, b'A' + (c % 26) as u8);
        if c < 26 {
            break;
        }
        c = c / 26 - 1;
    }
    String::from_utf8(name).unwrap_or_default()
}

/// The `<sheetData>` of `rows`, strings added to `shared`.
pub fn sheet_data(rows: &[Vec<C>], shared: &mut Vec<String>) -> String {
    let mut xml = String::from("<sheetData>");
    for (r, cells) in rows.iter().enumerate() {
        xml += &format!("<row r=\"{}\">", r + 1);
        for (c, cell) in cells.iter().enumerate() {
            let at = format!("{}{}", column(c), r + 1);
            xml += &match cell {
                C::Skip => continue,
                C::S(s) => {
                    let i = shared.iter().position(|x| x == s).unwrap_or_else(|| {
                        shared.push(s.to_string());
                        shared.len() - 1
                    });
                    format!("<c r=\"{at}\" t=\"s\"><v>{i}</v></c>")
                }
                C::Inline(s) => format!(
                    "<c r=\"{at}\" t=\"inlineStr\"><is><t xml:space=\"preserve\">{}</t></is></c>",
                    escape(s)
                ),
                C::N(x, 0) => format!("<c r=\"{at}\"><v>{x}</v></c>"),
                C::N(x, style) => format!("<c r=\"{at}\" s=\"{style}\"><v>{x}</v></c>"),
                C::F(f, x) => format!("<c r=\"{at}\"><f>{}</f><v>{x}</v></c>", escape(f)),
                C::Uncomputed(f) => format!("<c r=\"{at}\"><f>{}</f></c>", escape(f)),
                C::B(b) => format!("<c r=\"{at}\" t=\"b\"><v>{}</v></c>", u8::from(*b)),
                C::Div0 => format!("<c r=\"{at}\" t=\"e\"><v>#DIV/0!</v></c>"),
                C::Blank => format!("<c r=\"{at}\" s=\"1\"/>"),
            };
        }
        xml += "</row>";
    }
    xml + "</sheetData>"
}

/// A workbook of named sheets of cells.
pub fn book(sheets: &[(&str, Vec<Vec<C>>)]) -> Vec<u8> {
    let mut shared = Vec::new();
    let data: Vec<(&str, String)> = sheets
        .iter()
        .map(|(n, rows)| (*n, sheet_data(rows, &mut shared)))
        .collect();
    workbook(&data, &shared)
}

pub fn row<'a>(cells: &[C<'a>]) -> Vec<C<'a>> {
    cells.to_vec()
}

/// The journalist's table (tests/node/fixtures.mjs: `SUZHOU`) as a spreadsheet holds it once
/// typed: what Excel turns into numbers (5.6% → 0.056 shown as 0.0%, 3,000 → 3000 shown as
/// #,##0) is a number with its format; the rest is text. A second sheet, so that opening it
/// asks which sheet to read. tests/fixtures/suzhou.xlsx is this (examples/suzhou.rs).
pub fn suzhou() -> Vec<u8> {
    use C::*;
    book(&[
        (
            "主要指标",
            vec![
                row(&[S("苏州工业园区2023年主要经济指标")]),
                row(&[S("指标"), S("数值"), S("单位"), S("年份"), S("备注")]),
                row(&[S("地区生产总值"), S("3686亿元"), Skip, N(2023.0, 0)]),
                row(&[S("地区生产总值增速"), N(0.056, 3), Skip, N(2023.0, 0)]),
                row(&[
                    S("一般公共预算收入"),
                    S("约5亿元"),
                    Blank,
                    N(2023.0, 0),
                    S("估算"),
                ]),
                row(&[S("进出口总额增速"), N(-0.032, 3), Skip, N(2023.0, 0)]),
                row(&[S("实际使用外资"), S("18.5亿美元"), Skip, N(2023.0, 0)]),
                row(&[S("新增就业"), S("1.2万"), S("人"), N(2023.0, 0)]),
                row(&[S("新增外资企业"), S("超100家"), Skip, N(2023.0, 0)]),
                row(&[S("高新技术企业"), N(3000.0, 4), S("家"), N(2023.0, 0)]),
                row(&[S("研发投入增速"), N(0.12, 1), Skip, N(2023.0, 0)]),
                row(&[S("社会消费品零售总额增速"), N(0.081, 3), Skip, N(2023.0, 0)]),
                row(&[S("工业投资增速"), S("近10%")]),
            ],
        ),
        ("说明", vec![row(&[S("数据来源"), Inline("园区统计局")])]),
    ])
}

/// The XML declaration every part starts with.
const XML: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>";

/// A workbook of named sheets, each given as its `<sheetData>` XML (see [`sheet_data`]),
/// with `shared` as its shared strings.
pub fn workbook(sheets: &[(&str, String)], shared: &[String]) -> Vec<u8> {
    let names: Vec<&str> = sheets.iter().map(|(name, _)| *name).collect();
    let mut parts: Vec<(String, String)> = vec![
        ("[Content_Types].xml".to_string(), content_types(sheets.len())),
        (
            "_rels/.rels".into(),
            format!("{XML}<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>"),
        ),
        ("xl/workbook.xml".into(), workbook_xml(&names)),
        ("xl/_rels/workbook.xml.rels".into(), workbook_rels(sheets.len())),
        ("xl/styles.xml".into(), styles_xml()),
        ("xl/sharedStrings.xml".into(), shared_strings_xml(shared)),
    ];
    for (i, (_, data)) in sheets.iter().enumerate() {
        parts.push((
            format!("xl/worksheets/sheet{}.xml", i + 1),
            format!("{XML}<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">{data}</worksheet>"),
        ));
    }
    zipped(
        &parts
            .iter()
            .map(|(n, x)| (n.as_str(), x.as_bytes()))
            .collect::<Vec<_>>(),
    )
}

/// `[Content_Types].xml`: what each part of a workbook of `sheets` sheets is.
fn content_types(sheets: usize) -> String {
    let mut types = format!(
        "{XML}\
         <Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\
         <Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>\
         <Default Extension=\"xml\" ContentType=\"application/xml\"/>\
         <Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>\
         <Override PartName=\"/xl/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>\
         <Override PartName=\"/xl/sharedStrings.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml\"/>",
    );
    for n in 1..=sheets {
        types += &format!("<Override PartName=\"/xl/worksheets/sheet{n}.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>");
    }
    types + "</Types>"
}

/// `xl/workbook.xml`: the sheets' names, in order.
fn workbook_xml(names: &[&str]) -> String {
    let list: String = (names.iter().enumerate())
        .map(|(i, name)| {
            let n = i + 1;
            format!(
                "<sheet name=\"{}\" sheetId=\"{n}\" r:id=\"rId{n}\"/>",
                escape(name)
            )
        })
        .collect();
    format!("{XML}<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets>{list}</sheets></workbook>")
}

/// `xl/_rels/workbook.xml.rels`: where the sheets, the styles and the shared strings are.
fn workbook_rels(sheets: usize) -> String {
    let mut rels: String = (1..=sheets)
        .map(|n| format!("<Relationship Id=\"rId{n}\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet{n}.xml\"/>"))
        .collect();
    rels += &format!(
        "<Relationship Id=\"rId{}\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>\
         <Relationship Id=\"rId{}\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings\" Target=\"sharedStrings.xml\"/>",
        sheets + 1,
        sheets + 2
    );
    format!("{XML}<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">{rels}</Relationships>")
}

/// `xl/styles.xml`: one cell style per entry of [`STYLES`], with its number format.
fn styles_xml() -> String {
    let custom: Vec<String> = STYLES
        .iter()
        .filter(|s| s.0 >= 164)
        .map(|(id, code)| {
            format!(
                "<numFmt numFmtId=\"{id}\" formatCode=\"{}\"/>",
                escape(code)
            )
        })
        .collect();
    let xfs: String = STYLES
        .iter()
        .map(|(id, _)| {
            format!(
                "<xf numFmtId=\"{id}\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"{}/>",
                if *id > 0 {
                    " applyNumberFormat=\"1\""
                } else {
                    ""
                }
            )
        })
        .collect();
    format!(
        "{XML}<styleSheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">\
         <numFmts count=\"{}\">{}</numFmts>\
         <fonts count=\"1\"><font><sz val=\"11\"/><name val=\"等线\"/></font></fonts>\
         <fills count=\"1\"><fill><patternFill patternType=\"none\"/></fill></fills>\
         <borders count=\"1\"><border><left/><right/><top/><bottom/><diagonal/></border></borders>\
         <cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>\
         <cellXfs count=\"{}\">{xfs}</cellXfs></styleSheet>",
        custom.len(),
        custom.concat(),
        STYLES.len()
    )
}

/// `xl/sharedStrings.xml`: the strings cells refer to by index.
fn shared_strings_xml(shared: &[String]) -> String {
    let strings: String = shared
        .iter()
        .map(|s| format!("<si><t>{}</t></si>", escape(s)))
        .collect();
    format!(
        "{XML}<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" count=\"{0}\" uniqueCount=\"{0}\">{strings}</sst>",
        shared.len()
    )
}

/// A deflated zip of `(name, bytes)` parts (the date left at zip's 1980 default, so the same
/// parts make the same bytes).
pub fn zipped(parts: &[(&str, &[u8])]) -> Vec<u8> {
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
    for (name, bytes) in parts {
        zip.start_file(*name, options).expect("a part starts");
        zip.write_all(bytes).expect("a part is written");
    }
    zip.finish().expect("the archive closes").into_inner()
}

//! The editor's spreadsheet reader (pkg-xlsx/, loaded only when a spreadsheet is opened):
//! an .xlsx workbook's sheet as rows of cell texts, each cell as the spreadsheet shows it
//! (format.rs), for the same path a pasted table takes. Reading is calamine's (its XLSX
//! reader over the bytes, streaming the sheet cell by cell); this crate bounds what a
//! hostile file can cost before calamine sees it, and what it reads of a sheet.
//!
//! Exports: `readXlsx(bytes)` (the first visible worksheet) and `readXlsxSheet(bytes, name)`,
//! each `{sheets: [name…], sheet, rows: [[text…]…], cutRows, cutColumns, cutCells,
//! maxRows, maxColumns}`, or an error whose message is one of [`Refusal::code`]'s words,
//! which the editor says in its interface's language.

use std::io::{Cursor, Read, Seek};

use calamine::{DataRef, Reader, SheetType, SheetVisible, Style, Xlsx, XlsxCellReader, XlsxError};
use wasm_bindgen::prelude::*;

#[cfg(test)]
mod book;
mod format;
#[cfg(test)]
mod tests;

/// Rows read, from the sheet's first row with a value; the rest are left out (and said).
pub const MAX_ROWS: u32 = 2000;
/// Columns read, from the leftmost with a value.
pub const MAX_COLUMNS: u32 = 50;
/// A file over this is refused unread.
pub const MAX_FILE_BYTES: usize = 20 << 20;
/// One part of the archive, and all of them, unpacked (as their directory declares; the zip
/// reader stops at a declared size, so a part cannot unpack to more than it says).
const MAX_PART_BYTES: u64 = 64 << 20;
const MAX_TOTAL_BYTES: u64 = 256 << 20;
const MAX_PARTS: usize = 10_000;
/// Strings a workbook may declare it shares (calamine reserves room for them at once).
const MAX_SHARED_STRINGS: u64 = 1_000_000;
/// Cells looked at in a sheet (empty ones too), and the text kept: past either, reading stops.
const MAX_CELLS_SEEN: u64 = 1_000_000;
const MAX_TEXT_CHARS: usize = 4_000_000;
/// Characters kept of one cell (a label or a note is far shorter).
const MAX_CELL_CHARS: usize = 500;
/// Columns scanned for the leftmost one with a value.
const SCAN_COLUMNS: u32 = 256;
/// Sheet names offered.
const MAX_SHEETS: usize = 100;

/// Why a file is not read: its `code` is what the editor words.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// Over [`MAX_FILE_BYTES`], or parts that unpack to too much (a zip bomb).
    TooBig,
    /// Not a zip, or a zip that is not a workbook.
    NotXlsx,
    /// An Excel 97–2003 file (.xls).
    OldXls,
    /// Protected by a password (encrypted).
    Encrypted,
    /// A workbook whose parts cannot be read (broken XML, a part that is not what it says).
    Damaged,
    /// No worksheet (only chart sheets, or none visible).
    NoSheet,
    /// The sheet asked for is not there.
    SheetMissing,
}

impl Refusal {
    pub fn code(self) -> &'static str {
        match self {
            Refusal::TooBig => "xlsxTooBig",
            Refusal::NotXlsx => "xlsxNotXlsx",
            Refusal::OldXls => "xlsxOld",
            Refusal::Encrypted => "xlsxEncrypted",
            Refusal::Damaged => "xlsxDamaged",
            Refusal::NoSheet => "xlsxNoSheet",
            Refusal::SheetMissing => "xlsxSheetMissing",
        }
    }
}

/// A sheet read: the workbook's visible worksheets, the one read, its rows (each as wide as
/// the table: from its leftmost to its rightmost column with a value; rows without any value
/// left out), and whether rows, columns or long cells were cut at the limits.
#[derive(Debug, Default, PartialEq)]
pub struct Sheet {
    pub sheets: Vec<String>,
    pub name: String,
    pub rows: Vec<Vec<String>>,
    pub cut_rows: bool,
    pub cut_columns: bool,
    pub cut_cells: bool,
}

/// Reads `sheet` (or the first visible worksheet) of the workbook in `bytes`.
pub fn read(bytes: &[u8], sheet: Option<&str>) -> Result<Sheet, Refusal> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(Refusal::TooBig);
    }
    // An OLE compound file: an .xls, or an encrypted workbook (its package inside).
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        let name: Vec<u8> = "EncryptedPackage"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        return Err(if bytes.windows(name.len()).any(|w| w == name) {
            Refusal::Encrypted
        } else {
            Refusal::OldXls
        });
    }
    check_archive(bytes)?;
    let mut book = Xlsx::new(Cursor::new(bytes)).map_err(|e| refusal(&e, Refusal::NotXlsx))?;
    let sheets: Vec<String> = book
        .sheets_metadata()
        .iter()
        .filter(|s| s.typ == SheetType::WorkSheet && s.visible == SheetVisible::Visible)
        .map(|s| s.name.clone())
        .collect();
    let name = match sheet {
        Some(name) if book.sheet_names().iter().any(|n| n == name) => name.to_string(),
        Some(_) => return Err(Refusal::SheetMissing),
        None => sheets.first().cloned().ok_or(Refusal::NoSheet)?,
    };
    let mut out = cells(&mut book, &name)?;
    out.sheets = sheets.into_iter().take(MAX_SHEETS).collect();
    out.name = name;
    Ok(out)
}

/// The archive's directory: a zip, of a bounded number of parts that unpack to a bounded
/// size; a shared-strings part that declares no more strings than it could hold.
fn check_archive(bytes: &[u8]) -> Result<(), Refusal> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|_| Refusal::NotXlsx)?;
    if zip.len() > MAX_PARTS {
        return Err(Refusal::TooBig);
    }
    let mut total = 0u64;
    let mut strings = Vec::new();
    for i in 0..zip.len() {
        let part = zip.by_index_raw(i).map_err(|_| Refusal::Damaged)?;
        let size = part.size();
        if size > MAX_PART_BYTES {
            return Err(Refusal::TooBig);
        }
        total = total.saturating_add(size);
        let name = part.name().map_err(|_| Refusal::Damaged)?;
        if name.to_ascii_lowercase().ends_with("sharedstrings.xml") {
            strings.push((i, size));
        }
    }
    if total > MAX_TOTAL_BYTES {
        return Err(Refusal::TooBig);
    }
    for (i, size) in strings {
        let mut head = Vec::new();
        let part = zip.by_index(i).map_err(|_| Refusal::Damaged)?;
        part.take(4096)
            .read_to_end(&mut head)
            .map_err(|_| Refusal::Damaged)?;
        // Each string takes at least `<si/>`: five bytes.
        if let Some(n) = declared_count(&head) {
            if n > MAX_SHARED_STRINGS || n > size / 5 + 1 {
                return Err(Refusal::Damaged);
            }
        }
    }
    Ok(())
}

/// The `uniqueCount` the shared strings' `<sst>` declares, if it does.
fn declared_count(head: &[u8]) -> Option<u64> {
    let key = b"uniqueCount=";
    let at = head.windows(key.len()).position(|w| w == key)? + key.len();
    let digits = head
        .get(at + 1..)?
        .iter()
        .take_while(|b| b.is_ascii_digit());
    Some(digits.fold(0u64, |n, b| {
        n.saturating_mul(10).saturating_add(u64::from(b - b'0'))
    }))
}

fn refusal(e: &XlsxError, otherwise: Refusal) -> Refusal {
    match e {
        XlsxError::Password => Refusal::Encrypted,
        XlsxError::Zip(_) | XlsxError::FileNotFound(_) | XlsxError::RelationshipNotFound => {
            otherwise
        }
        XlsxError::NotAWorksheet(_) => Refusal::NoSheet,
        XlsxError::WorksheetNotFound(_) => Refusal::SheetMissing,
        _ => Refusal::Damaged,
    }
}

/// The sheet's cells as the spreadsheet shows them, within the limits.
fn cells(book: &mut Xlsx<Cursor<&[u8]>>, name: &str) -> Result<Sheet, Refusal> {
    let mut reader = book
        .worksheet_cells_reader(name)
        .map_err(|e| refusal(&e, Refusal::Damaged))?;
    let formats = number_formats(reader.styles());
    let mut sheet = Sheet::default();
    let kept = shown_cells(&mut reader, &formats, &mut sheet)?;
    sheet.rows = grid(kept, &mut sheet);
    Ok(sheet)
}

/// A cell kept: its row, its column and its text as shown.
type Kept = (u32, u32, String);

/// Each style's number format code and id (the palette is indexed by the cells' style ids).
fn number_formats(styles: &[Style]) -> Vec<(String, Option<u32>)> {
    styles
        .iter()
        .map(|s| {
            s.number_format
                .as_ref()
                .map_or(("General".into(), None), |f| {
                    (f.format_code.clone(), f.format_id)
                })
        })
        .collect()
}

/// The cells with text, in the order read, until a limit is reached (noted in `sheet`):
/// too many cells seen or characters kept, rows past the last, columns past the scanned.
fn shown_cells<RS: Read + Seek>(
    reader: &mut XlsxCellReader<'_, RS>,
    formats: &[(String, Option<u32>)],
    sheet: &mut Sheet,
) -> Result<Vec<Kept>, Refusal> {
    let mut kept: Vec<Kept> = Vec::new();
    let (mut first_row, mut seen, mut chars) = (None, 0u64, 0usize);
    while let Some((cell, style)) = reader
        .next_cell_with_style_id()
        .map_err(|e| refusal(&e, Refusal::Damaged))?
    {
        seen += 1;
        if seen > MAX_CELLS_SEEN || chars > MAX_TEXT_CHARS {
            sheet.cut_rows = true;
            break;
        }
        let (row, col) = cell.get_position();
        let format = formats
            .get(style)
            .map_or(("General", None), |(c, id)| (c.as_str(), *id));
        let mut text = shown(cell.get_value(), format::code(format.0, format.1));
        if text.trim().is_empty() {
            continue;
        }
        let first = *first_row.get_or_insert(row);
        // Rows come in order: the first past the limit ends the reading.
        if row < first || row - first >= MAX_ROWS {
            sheet.cut_rows = true;
            break;
        }
        if col >= SCAN_COLUMNS {
            sheet.cut_columns = true;
            continue;
        }
        if let Some((at, _)) = text.char_indices().nth(MAX_CELL_CHARS) {
            text.truncate(at);
            text.push('…');
            sheet.cut_cells = true;
        }
        chars += text.len();
        kept.push((row, col, text));
    }
    Ok(kept)
}

/// The kept cells as rows of equal width from the leftmost column with text, at most
/// `MAX_COLUMNS` wide (a cell beyond is noted in `sheet`).
fn grid(kept: Vec<Kept>, sheet: &mut Sheet) -> Vec<Vec<String>> {
    let Some(left) = kept.iter().map(|c| c.1).min() else {
        return Vec::new();
    };
    let right = kept
        .iter()
        .map(|c| c.1)
        .max()
        .unwrap_or(left)
        .min(left + MAX_COLUMNS - 1);
    let width = (right - left + 1) as usize;
    let mut rows: Vec<(u32, Vec<String>)> = Vec::new();
    for (row, col, text) in kept {
        if col > right {
            sheet.cut_columns = true;
            continue;
        }
        if rows.last().is_none_or(|r| r.0 != row) {
            rows.push((row, vec![String::new(); width]));
        }
        if let Some(r) = rows.last_mut() {
            r.1[(col - left) as usize] = text;
        }
    }
    rows.into_iter().map(|r| r.1).collect()
}

/// One cell's text: strings as typed, numbers and dates through their format, TRUE/FALSE,
/// errors as Excel writes them (`#DIV/0!`), formulas as their last computed value.
fn shown(value: &DataRef, code: &str) -> String {
    match value {
        DataRef::Empty => String::new(),
        DataRef::String(s) | DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => s.clone(),
        DataRef::SharedString(s) => s.to_string(),
        DataRef::Float(x) => format::number(*x, code),
        DataRef::Int(n) => format::number(*n as f64, code),
        DataRef::DateTime(d) => format::date(d, code),
        DataRef::Bool(b) => (if *b { "TRUE" } else { "FALSE" }).into(),
        DataRef::Error(e) => e.to_string(),
    }
}

// ---- the module's exports -------------------------------------------------------------

fn to_js(read: Result<Sheet, Refusal>) -> Result<JsValue, JsError> {
    let sheet = read.map_err(|r| JsError::new(r.code()))?;
    let strings = |items: &[String]| {
        items
            .iter()
            .map(|s| JsValue::from_str(s))
            .collect::<js_sys::Array>()
    };
    let rows: js_sys::Array = sheet
        .rows
        .iter()
        .map(|r| JsValue::from(strings(r)))
        .collect();
    let out = js_sys::Object::new();
    let fields: [(&str, JsValue); 8] = [
        ("sheets", strings(&sheet.sheets).into()),
        ("sheet", JsValue::from_str(&sheet.name)),
        ("rows", rows.into()),
        ("cutRows", sheet.cut_rows.into()),
        ("cutColumns", sheet.cut_columns.into()),
        ("cutCells", sheet.cut_cells.into()),
        ("maxRows", MAX_ROWS.into()),
        ("maxColumns", MAX_COLUMNS.into()),
    ];
    for (key, value) in fields {
        js_sys::Reflect::set(&out, &JsValue::from_str(key), &value)
            .map_err(|_| JsError::new("xlsxDamaged"))?;
    }
    Ok(out.into())
}

/// The first visible worksheet of an .xlsx file's bytes.
#[wasm_bindgen(js_name = readXlsx)]
pub fn read_xlsx(bytes: &[u8]) -> Result<JsValue, JsError> {
    to_js(read(bytes, None))
}

/// The sheet called `name` of an .xlsx file's bytes.
#[wasm_bindgen(js_name = readXlsxSheet)]
pub fn read_xlsx_sheet(bytes: &[u8], name: &str) -> Result<JsValue, JsError> {
    to_js(read(bytes, Some(name)))
}

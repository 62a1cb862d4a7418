//! Workbooks written in the tests (book.rs: calamine cannot write) read back as the
//! spreadsheet shows them; hostile files refused with a reason, never a panic.

use super::book::{book, row, sheet_data, suzhou, workbook, zipped, C};
use super::*;

const EXPECTED: [&[&str]; 13] = [
    &["苏州工业园区2023年主要经济指标", "", "", "", ""],
    &["指标", "数值", "单位", "年份", "备注"],
    &["地区生产总值", "3686亿元", "", "2023", ""],
    &["地区生产总值增速", "5.6%", "", "2023", ""],
    &["一般公共预算收入", "约5亿元", "", "2023", "估算"],
    &["进出口总额增速", "-3.2%", "", "2023", ""],
    &["实际使用外资", "18.5亿美元", "", "2023", ""],
    &["新增就业", "1.2万", "人", "2023", ""],
    &["新增外资企业", "超100家", "", "2023", ""],
    &["高新技术企业", "3,000", "家", "2023", ""],
    &["研发投入增速", "12%", "", "2023", ""],
    &["社会消费品零售总额增速", "8.1%", "", "2023", ""],
    &["工业投资增速", "近10%", "", "", ""],
];

#[test]
fn the_journalists_table_reads_as_typed() {
    let sheet = read(&suzhou(), None).expect("read");
    assert_eq!(sheet.sheets, ["主要指标", "说明"]);
    assert_eq!(sheet.name, "主要指标");
    assert_eq!(
        sheet.rows,
        EXPECTED
            .iter()
            .map(|r| r.iter().map(|c| c.to_string()).collect::<Vec<_>>())
            .collect::<Vec<_>>()
    );
    assert!(!sheet.cut_rows && !sheet.cut_columns && !sheet.cut_cells);
}

#[test]
fn the_second_sheet_by_name() {
    let sheet = read(&suzhou(), Some("说明")).expect("read");
    assert_eq!(sheet.name, "说明");
    assert_eq!(sheet.sheets, ["主要指标", "说明"]);
    assert_eq!(sheet.rows, [["数据来源", "园区统计局"]]);
    assert_eq!(read(&suzhou(), Some("2022年")), Err(Refusal::SheetMissing));
}

#[test]
fn every_kind_of_cell() {
    use C::*;
    let bytes = book(&[(
        "Sheet1",
        vec![
            // Leading empty row and column: the table starts at its first value.
            row(&[]),
            row(&[Skip, N(0.1234, 2), N(5.0, 5), N(1234.5, 8), N(-1234.5, 8)]),
            row(&[
                Skip,
                N(45291.0, 6),
                N(45291.0, 7),
                N(45291.0, 9),
                N(0.1 + 0.2, 0),
            ]),
            row(&[
                Skip,
                B(true),
                Div0,
                F("SUM(B2:C2)", 5.1234),
                Uncomputed("B2*2"),
            ]),
            row(&[Skip, Inline("  kept  "), S("a&b <c>"), Blank]),
        ],
    )]);
    let sheet = read(&bytes, None).expect("read");
    assert_eq!(
        sheet.rows,
        [
            ["12.34%", "5.0亿元", "1,234.50", "(1,234.50)"],
            ["2023/12/31", "2023年12月", "2023年12月31日", "0.3"],
            ["TRUE", "#DIV/0!", "5.1234", ""],
            ["  kept  ", "a&b <c>", "", ""],
        ]
    );
}

#[test]
fn big_sheets_are_cut_at_the_limits_and_say_so() {
    let cols = MAX_COLUMNS as usize + 10;
    let rows: Vec<Vec<C>> = (0..MAX_ROWS + 500)
        .map(|r| {
            (0..cols)
                .map(|c| C::N(f64::from(r) * 100.0 + c as f64, 0))
                .collect()
        })
        .collect();
    let shared = &mut Vec::new();
    let sheet = read(
        &workbook(&[("big", sheet_data(&rows, shared))], shared),
        None,
    )
    .expect("read");
    assert_eq!(sheet.rows.len(), MAX_ROWS as usize);
    assert!(sheet.rows.iter().all(|r| r.len() == MAX_COLUMNS as usize));
    assert_eq!(sheet.rows[1999][49], "199949");
    assert!(sheet.cut_rows && sheet.cut_columns);

    let long = "长".repeat(2000);
    let sheet = read(&book(&[("s", vec![row(&[C::S(&long)])])]), None).expect("read");
    assert_eq!(sheet.rows[0][0].chars().count(), MAX_CELL_CHARS + 1);
    assert!(sheet.rows[0][0].ends_with('…') && sheet.cut_cells);
}

#[test]
fn an_empty_sheet_is_no_rows() {
    let sheet = read(&book(&[("空", vec![])]), None).expect("read");
    assert!(sheet.rows.is_empty());
}

#[test]
fn what_is_not_a_workbook_is_refused() {
    assert_eq!(read(b"", None), Err(Refusal::NotXlsx));
    assert_eq!(
        read("指标\t数值\n增速\t5%\n".as_bytes(), None),
        Err(Refusal::NotXlsx)
    );
    // A zip that is not a workbook (a .docx, a folder zipped).
    assert_eq!(
        read(&zipped(&[("word/document.xml", b"<w:document/>")]), None),
        Err(Refusal::NotXlsx)
    );
    let mut old = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    old.resize(4096, 0);
    assert_eq!(read(&old, None), Err(Refusal::OldXls));
    old.extend("EncryptedPackage".encode_utf16().flat_map(u16::to_le_bytes));
    assert_eq!(read(&old, None), Err(Refusal::Encrypted));
    // Cut short (a download that stopped): the zip's directory is at its end.
    let whole = suzhou();
    assert_eq!(read(&whole[..whole.len() / 2], None), Err(Refusal::NotXlsx));
    assert_eq!(
        read(&vec![0u8; MAX_FILE_BYTES + 1], None),
        Err(Refusal::TooBig)
    );
}

/// The parts of the Suzhou workbook, with one replaced.
fn with_part(name: &str, xml: &[u8]) -> Vec<u8> {
    let mut shared = Vec::new();
    let data = sheet_data(&[row(&[C::S("指标"), C::S("数值")])], &mut shared);
    let good = workbook(&[("s", data)], &shared);
    let mut zip = zip::ZipArchive::new(Cursor::new(&good[..])).expect("zip");
    let mut parts: Vec<(String, Vec<u8>)> = Vec::new();
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).expect("part");
        let mut bytes = Vec::new();
        f.read_to_end(&mut bytes).expect("read");
        let part = f.name().expect("a name").to_string();
        let bytes = if part == name { xml.to_vec() } else { bytes };
        parts.push((part, bytes));
    }
    zipped(
        &parts
            .iter()
            .map(|(n, b)| (n.as_str(), b.as_slice()))
            .collect::<Vec<_>>(),
    )
}

#[test]
fn hostile_parts_are_refused() {
    // A zip bomb: 65 MB of one sheet in a file of under 100 KB.
    let mut bomb = b"<worksheet><sheetData>".to_vec();
    bomb.resize(65 << 20, b' ');
    let bytes = with_part("xl/worksheets/sheet1.xml", &bomb);
    assert!(bytes.len() < 100 << 10, "{} bytes", bytes.len());
    assert_eq!(read(&bytes, None), Err(Refusal::TooBig));

    // A bomb that says it is small: the reader stops at the declared size.
    let mut liar = b"<worksheet><sheetData>".to_vec();
    liar.resize(8 << 20, b' ');
    let mut bytes = with_part("xl/worksheets/sheet1.xml", &liar);
    declare_size(&mut bytes, "xl/worksheets/sheet1.xml", 1000);
    assert!(matches!(
        read(&bytes, None),
        Err(Refusal::Damaged | Refusal::NotXlsx)
    ));

    // Shared strings that claim four billion entries (calamine would reserve room for them).
    let sst = br#"<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="4000000000"><si><t>x</t></si></sst>"#;
    assert_eq!(
        read(&with_part("xl/sharedStrings.xml", sst), None),
        Err(Refusal::Damaged)
    );

    // Broken XML in the sheet; a sheet part that is not a sheet.
    assert_eq!(
        read(
            &with_part(
                "xl/worksheets/sheet1.xml",
                b"<worksheet><sheetData><row><c r=\"A1\" t=\"s\"><v>0</v></c"
            ),
            None
        ),
        Err(Refusal::Damaged)
    );
    assert!(read(
        &with_part("xl/worksheets/sheet1.xml", b"<chartsheet/>"),
        None
    )
    .is_err());
    // A cell that names a shared string the workbook does not have.
    let bad = b"<worksheet><sheetData><row r=\"1\"><c r=\"A1\" t=\"s\"><v>99</v></c></row></sheetData></worksheet>";
    assert!(read(&with_part("xl/worksheets/sheet1.xml", bad), None).is_err());
    // Cells addressed past the sheet's last column or row: left out, and said.
    let far = b"<worksheet><sheetData><row r=\"1\"><c r=\"A1\"><v>1</v></c><c r=\"ZZZZ1\"><v>2</v></c></row><row r=\"99999999\"><c r=\"A99999999\"><v>3</v></c></row></sheetData></worksheet>";
    let sheet = read(&with_part("xl/worksheets/sheet1.xml", far), None).expect("read");
    assert_eq!(sheet.rows, [["1"]]);
    assert!(sheet.cut_rows && sheet.cut_columns);
}

/// Writes `size` as `name`'s uncompressed size in its local header and the directory.
fn declare_size(zip: &mut [u8], name: &str, size: u32) {
    let mut i = 0;
    while i + 46 <= zip.len() {
        let (local, central) = (
            zip[i..].starts_with(b"PK\x03\x04"),
            zip[i..].starts_with(b"PK\x01\x02"),
        );
        let (at, name_at) = if local {
            (22, 30)
        } else if central {
            (24, 46)
        } else {
            (0, 0)
        };
        if at > 0 && zip[i + name_at..].starts_with(name.as_bytes()) {
            zip[i + at..i + at + 4].copy_from_slice(&size.to_le_bytes());
        }
        i += 1;
    }
}

#[test]
fn damaged_bytes_never_panic() {
    // A workbook with bytes changed at random (a fixed sequence): each read ends in a sheet
    // or a refusal.
    let good = suzhou();
    let mut seed = 0x2545_F491_4F6C_DD1Du64;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    for _ in 0..1500 {
        let mut bytes = good.clone();
        for _ in 0..1 + next() % 8 {
            let at = (next() % bytes.len() as u64) as usize;
            bytes[at] = next() as u8;
        }
        let _ = read(&bytes, None);
    }
    // The parts themselves changed (before zipping): the XML calamine parses.
    let mut shared = Vec::new();
    let data = sheet_data(
        &[row(&[
            C::S("指标"),
            C::N(0.056, 3),
            C::N(45291.0, 7),
            C::Div0,
        ])],
        &mut shared,
    );
    let good = workbook(&[("s", data)], &shared);
    let mut zip = zip::ZipArchive::new(Cursor::new(&good[..])).expect("zip");
    let mut parts: Vec<(String, Vec<u8>)> = Vec::new();
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).expect("part");
        let mut bytes = Vec::new();
        f.read_to_end(&mut bytes).expect("read");
        parts.push((f.name().expect("a name").to_string(), bytes));
    }
    const CHARS: &[u8] = b"<>/=\"' 0123456789:ArstvcE-.;#%\"";
    for _ in 0..1500 {
        let mut changed = parts.clone();
        let part = &mut changed[(next() % parts.len() as u64) as usize].1;
        for _ in 0..1 + next() % 4 {
            let at = (next() % part.len() as u64) as usize;
            part[at] = CHARS[(next() % CHARS.len() as u64) as usize];
        }
        let _ = read(
            &zipped(
                &changed
                    .iter()
                    .map(|(n, b)| (n.as_str(), b.as_slice()))
                    .collect::<Vec<_>>(),
            ),
            None,
        );
    }
}

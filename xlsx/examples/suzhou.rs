//! Writes the e2e tests' workbook, tests/fixtures/suzhou.xlsx: the journalist's table as a
//! spreadsheet holds it (book.rs: `suzhou`, the workbook the crate's own tests read).
//!   cargo run --manifest-path xlsx/Cargo.toml --example suzhou

#[allow(dead_code)]
#[path = "../src/book.rs"]
mod book;

fn main() -> std::io::Result<()> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/fixtures/suzhou.xlsx");
    std::fs::write(path, book::suzhou())?;
    println!("{path}");
    Ok(())
}

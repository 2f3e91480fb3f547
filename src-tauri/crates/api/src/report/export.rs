//! The report as files. **XLSX** (rust_xlsxwriter): a cover sheet "Voorblad" (period,
//! selection, figures version, suppression rule, date made), then one sheet per table with its
//! real numbers (a suppressed cell is the text `<5`), a native Excel chart where the table has
//! one, and the table's note under it. **CSV**: one file per table (`<nr>-<id>.csv`) in a
//! folder: UTF-8 with BOM, `;` between fields, decimal comma (as Dutch Excel reads it), a cell
//! beginning with `=`, `+`, `-` or `@` prefixed with `'` so a spreadsheet never runs it as a
//! formula; the title and the suppression rule as comment lines above the table.
//!
//! Every file is written to `<name>.part` and renamed when whole: nothing half-written is left
//! behind, and a failed CSV export removes the files it wrote.

use std::path::{Path, PathBuf};

use rust_xlsxwriter::{Chart, ChartType, Format, Workbook, XlsxError};

use super::{ChartKind, Report, ReportCell, ReportError, ReportTable};

fn write_err(path: &Path, e: impl std::fmt::Display) -> ReportError {
    ReportError::Write { path: path.display().to_string(), detail: e.to_string() }
}

fn xlsx_err(e: XlsxError) -> ReportError {
    ReportError::Spreadsheet(e.to_string())
}

/// Writes `bytes` to `path` whole or not at all.
fn write_whole(path: &Path, bytes: &[u8]) -> Result<(), ReportError> {
    // The same as an export file: the folder made when missing, written whole (a temporary file,
    // synced, renamed) and readable by its owner only.
    keukentafel_sync::file::write_atomically(path, bytes).map_err(|e| write_err(path, e))
}

/// A sheet name Excel accepts: at most 31 characters, none of `[]:*?/\`.
fn sheet_name(n: usize, table: &ReportTable) -> String {
    let clean: String = table.title.nl.chars().filter(|c| !"[]:*?/\\".contains(*c)).collect();
    let name = format!("{} {}", n, clean);
    name.chars().take(31).collect()
}

fn period(report: &Report) -> String {
    format!("{} t/m {}", report.cover.from.format("%d-%m-%Y"), report.cover.to.format("%d-%m-%Y"))
}

fn selection(report: &Report) -> String {
    let names: Vec<&str> = report.cover.wijken.iter().map(|w| if w.is_empty() { "(geen wijk)" } else { w.as_str() }).collect();
    if report.cover.all_wijken {
        format!("Alle wijken: {}", names.join(", "))
    } else {
        names.join(", ")
    }
}

/// The report as XLSX bytes.
pub fn xlsx_bytes(report: &Report) -> Result<Vec<u8>, ReportError> {
    let mut book = Workbook::new();
    let bold = Format::new().set_bold();
    let title = Format::new().set_bold().set_font_size(14);
    let wrap = Format::new().set_text_wrap();
    {
        let cover = book.add_worksheet();
        cover.set_name("Voorblad").map_err(xlsx_err)?;
        cover.set_column_width(0, 24).map_err(xlsx_err)?;
        cover.set_column_width(1, 90).map_err(xlsx_err)?;
        cover.write_string_with_format(0, 0, &report.cover.title.nl, &title).map_err(xlsx_err)?;
        let lines: [(&str, String); 7] = [
            ("Periode", period(report)),
            ("Wijken", selection(report)),
            ("Referentiecijfers", format!("{} versie {}", report.cover.figures_id, report.cover.figures_version)),
            ("Kleine aantallen", report.cover.suppression_rule.nl.clone()),
            ("Privacy", report.cover.anonymity.nl.clone()),
            ("Gemaakt op", report.cover.made_on.format("%d-%m-%Y").to_string()),
            ("English", format!("{} — {}", report.cover.title.en, report.cover.suppression_rule.en)),
        ];
        for (i, (k, v)) in lines.iter().enumerate() {
            let r = u32::try_from(i + 2).unwrap_or(u32::MAX);
            cover.write_string_with_format(r, 0, *k, &bold).map_err(xlsx_err)?;
            cover.write_string_with_format(r, 1, v, &wrap).map_err(xlsx_err)?;
        }
        let r = u32::try_from(lines.len() + 3).unwrap_or(u32::MAX);
        cover.write_string_with_format(r, 0, "Tabellen", &bold).map_err(xlsx_err)?;
        for (i, table) in report.tables.iter().enumerate() {
            cover.write_string(r + 1 + u32::try_from(i).unwrap_or(0), 1, sheet_name(i + 1, table)).map_err(xlsx_err)?;
        }
    }
    for (i, table) in report.tables.iter().enumerate() {
        let name = sheet_name(i + 1, table);
        let sheet = book.add_worksheet();
        sheet.set_name(&name).map_err(xlsx_err)?;
        sheet.set_column_width(0, 44).map_err(xlsx_err)?;
        sheet.write_string_with_format(0, 0, &table.title.nl, &title).map_err(xlsx_err)?;
        sheet.write_string(1, 0, &table.title.en).map_err(xlsx_err)?;
        // Header row 3 (index 3), data from row 4.
        let header_row = 3u32;
        for (c, column) in table.columns.iter().enumerate() {
            let c = u16::try_from(c + 1).unwrap_or(u16::MAX);
            sheet.set_column_width(c, 18).map_err(xlsx_err)?;
            sheet.write_string_with_format(header_row, c, &column.header.nl, &Format::new().set_bold().set_text_wrap()).map_err(xlsx_err)?;
        }
        for (r, row) in table.rows.iter().enumerate() {
            let r = header_row + 1 + u32::try_from(r).unwrap_or(0);
            let label_format = if row.total { bold.clone() } else { Format::new() };
            sheet.write_string_with_format(r, 0, &row.label.nl, &label_format).map_err(xlsx_err)?;
            for (c, cell) in row.cells.iter().enumerate() {
                let decimals = table.columns[c].decimals;
                let c = u16::try_from(c + 1).unwrap_or(u16::MAX);
                let mut f = Format::new().set_num_format(if decimals == 0 {
                    "#,##0".to_owned()
                } else {
                    format!("#,##0.{}", "0".repeat(decimals as usize))
                });
                if row.total {
                    f = f.set_bold();
                }
                match cell {
                    ReportCell::Value { value } => sheet.write_number_with_format(r, c, *value, &f).map_err(xlsx_err)?,
                    ReportCell::Suppressed => sheet
                        .write_string_with_format(r, c, ReportCell::SUPPRESSED, &f.set_align(rust_xlsxwriter::FormatAlign::Right))
                        .map_err(xlsx_err)?,
                    ReportCell::Empty => sheet.write_string(r, c, "").map_err(xlsx_err)?,
                };
            }
        }
        let after = header_row + 2 + u32::try_from(table.rows.len()).unwrap_or(0);
        sheet.write_string_with_format(after, 0, &table.note.nl, &Format::new().set_italic()).map_err(xlsx_err)?;
        sheet.write_string_with_format(after + 1, 0, &report.cover.suppression_rule.nl, &Format::new().set_italic()).map_err(xlsx_err)?;
        if let Some(chart) = &table.chart {
            let parts: Vec<usize> = (0..table.rows.len()).filter(|&r| !table.rows[r].total).collect();
            if let (Some(&first), Some(&last)) = (parts.first(), parts.last()) {
                let mut c = Chart::new(match chart.kind {
                    ChartKind::Column => ChartType::Column,
                    ChartKind::Bar => ChartType::Bar,
                });
                let column = u16::try_from(chart.column + 1).unwrap_or(1);
                let (r1, r2) = (header_row + 1 + first as u32, header_row + 1 + last as u32);
                c.add_series()
                    .set_categories((name.as_str(), r1, 0, r2, 0))
                    .set_values((name.as_str(), r1, column, r2, column))
                    .set_name((name.as_str(), header_row, column));
                c.title().set_name(&table.title.nl);
                c.legend().set_hidden();
                let at_col = u16::try_from(table.columns.len() + 2).unwrap_or(8);
                sheet.insert_chart(header_row, at_col, &c).map_err(xlsx_err)?;
            }
        }
    }
    book.save_to_buffer().map_err(xlsx_err)
}

/// Saves the XLSX at `path`.
pub fn save_xlsx(report: &Report, path: &Path) -> Result<Vec<PathBuf>, ReportError> {
    let bytes = xlsx_bytes(report)?;
    write_whole(path, &bytes)?;
    Ok(vec![path.to_owned()])
}

/// A cell that a spreadsheet would run as a formula gets a `'` in front.
fn escape(field: &str) -> String {
    let field = if field.starts_with(['=', '+', '-', '@']) { format!("'{field}") } else { field.to_owned() };
    if field.contains([';', '"', '\n', '\r']) {
        format!("\"{}\"", field.replace('"', "\"\""))
    } else {
        field
    }
}

/// A number with a decimal comma and `decimals` decimals (no thousands separator).
fn dutch_number(v: f64, decimals: u32) -> String {
    format!("{:.*}", decimals as usize, v).replace('.', ",")
}

/// One table as CSV text (with BOM).
pub fn csv_text(report: &Report, table: &ReportTable) -> String {
    let mut out = String::from("\u{feff}");
    // Text fields are escaped; numbers are our own (a negative number stays a number).
    let line = |fields: Vec<String>| fields.join(";") + "\r\n";
    out.push_str(&line(vec![escape(&format!("# {}", table.title.nl)), escape(&period(report)), escape(&selection(report))]));
    out.push_str(&line(vec![escape(&format!("# {}", report.cover.suppression_rule.nl))]));
    let mut header = vec![String::new()];
    header.extend(table.columns.iter().map(|c| escape(&c.header.nl)));
    out.push_str(&line(header));
    for row in &table.rows {
        let mut fields = vec![escape(&row.label.nl)];
        for (c, cell) in row.cells.iter().enumerate() {
            fields.push(match cell {
                ReportCell::Value { value } => dutch_number(*value, table.columns[c].decimals),
                ReportCell::Suppressed => ReportCell::SUPPRESSED.to_owned(),
                ReportCell::Empty => String::new(),
            });
        }
        out.push_str(&line(fields));
    }
    out
}

/// The CSV file name of table number `n` (from 1).
pub fn csv_name(n: usize, table: &ReportTable) -> String {
    format!("{n:02}-{}.csv", table.id)
}

/// Saves one CSV per table in the folder `dir` (made when missing).
pub fn save_csv(report: &Report, dir: &Path) -> Result<Vec<PathBuf>, ReportError> {
    std::fs::create_dir_all(dir).map_err(|e| write_err(dir, e))?;
    let mut written = Vec::new();
    for (i, table) in report.tables.iter().enumerate() {
        let path = dir.join(csv_name(i + 1, table));
        if let Err(e) = write_whole(&path, csv_text(report, table).as_bytes()) {
            for p in &written {
                let _ = std::fs::remove_file(p);
            }
            return Err(e);
        }
        written.push(path);
    }
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_escaped_and_separators_quoted() {
        assert_eq!(escape("=SUM(A1)"), "'=SUM(A1)");
        assert_eq!(escape("+31"), "'+31");
        assert_eq!(escape("-5"), "'-5");
        assert_eq!(escape("@x"), "'@x");
        assert_eq!(escape("a;b"), "\"a;b\"");
        assert_eq!(escape("zeg \"hoi\""), "\"zeg \"\"hoi\"\"\"");
        assert_eq!(escape("plain"), "plain");
    }

    #[test]
    fn numbers_have_a_decimal_comma() {
        assert_eq!(dutch_number(1234.5, 2), "1234,50");
        assert_eq!(dutch_number(12.0, 0), "12");
    }
}

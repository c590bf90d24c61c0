//! JS binding of the statistics area: `analyze`, `DossierAnalyzer`, exports and Vietnamese
//! number formatting. Only conversions here; the work is in [`crate::stats`].
//!
//! Byte arrays are taken as `Uint8Array` views and copied into wasm memory in slices of
//! 1 MiB, so a large CSV never needs a copy of the whole file inside the module.

use wasm_bindgen::prelude::*;

use super::{from_js, to_js};
use crate::error::{Error, ErrorKind};
use crate::stats::export::{
    report_to_csv as csv_of, report_to_xlsx as xlsx_of, ExportReport, Table,
};
use crate::stats::format::{format_number_vi as fmt_num, format_percent_vi as fmt_pct};
use crate::stats::{AnalyzeOptions, Analyzer};

#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &'static str = r#"
/**
 * The code of a data-quality problem: `quality.problems[].code` and the keys of `quality.counts` (the table in
 * docs/statistics.md gives each one's meaning).
 */
export type QualityCode = "missingReceivedAt" | "invalidDate" | "emptyRow" | "rowTooLong" | "tooManyColumns"
  | "notAnObject" | "unterminatedQuote" | "unknownChannel" | "unknownReturnMethod" | "unknownStatus" | "invalidNumber"
  | "endBeforeReceipt" | "endedWithoutDate" | "valueTruncated" | "duplicateId" | "missingChannel"
  | "catalogDueFailed";
/** A table of the report for `reportToCsv` (`byAgency` … are the same tables by their report keys). */
export type ReportTable = "agency" | "domain" | "procedure" | "month" | "byAgency" | "byDomain" | "byProcedure"
  | "byMonth";
"#;

const SLICE: u32 = 1024 * 1024;

fn push_array(a: &mut Analyzer, data: &js_sys::Uint8Array) -> Result<(), Error> {
    let len = data.length();
    let mut buf = vec![0u8; SLICE.min(len) as usize];
    let mut i = 0u32;
    while i < len {
        let j = len.min(i.saturating_add(SLICE));
        let n = (j - i) as usize;
        let slice = &mut buf[..n];
        data.subarray(i, j).copy_to(slice);
        a.push(slice)?;
        i = j;
    }
    Ok(())
}

/// `analyze(data, options)`: the report of a whole file (CSV, XLSX or JSON bytes).
#[wasm_bindgen(js_name = analyze, unchecked_return_type = "Report")]
pub fn analyze(
    data: &js_sys::Uint8Array,
    #[wasm_bindgen(unchecked_param_type = "AnalyzeOptions")] options: JsValue,
) -> Result<JsValue, JsValue> {
    let opts: AnalyzeOptions = from_js(options, "options")?;
    let mut a = Analyzer::new(&opts)?;
    a.size_hint(u64::from(data.length()));
    push_array(&mut a, data)?;
    let report = a.finish()?;
    Ok(to_js(&report)?)
}

/// `analyzeFiles(files, options)`: one report of several files (`{ name, data }`, in order; the
/// entry has checked them and gives `data` as a `Uint8Array`).
#[wasm_bindgen(js_name = analyzeFiles, unchecked_return_type = "Report")]
pub fn analyze_files(
    #[wasm_bindgen(unchecked_param_type = "{ name: string, data: Uint8Array | ArrayBuffer }[]")]
    files: &js_sys::Array,
    #[wasm_bindgen(unchecked_param_type = "AnalyzeOptions")] options: JsValue,
) -> Result<JsValue, JsValue> {
    let opts: AnalyzeOptions = from_js(options, "options")?;
    let mut a = Analyzer::new(&opts)?;
    let mut inputs = Vec::with_capacity(files.length() as usize);
    for (i, f) in files.iter().enumerate() {
        let field = |k: &str| {
            js_sys::Reflect::get(&f, &JsValue::from_str(k)).map_err(|_| {
                Error::new(
                    ErrorKind::Options,
                    format!("files[{i}].{k} không đọc được."),
                    format!("files[{i}].{k} can't be read."),
                )
            })
        };
        let name = field("name")?.as_string().unwrap_or_default();
        let data: js_sys::Uint8Array = field("data")?.unchecked_into();
        inputs.push((name, data));
    }
    // As `analyze`: the per-row arrays sized once from all the files' bytes.
    a.size_hint(inputs.iter().map(|(_, d)| u64::from(d.length())).sum());
    for (name, data) in &inputs {
        a.begin_file(name)?;
        push_array(&mut a, data)?;
    }
    Ok(to_js(&a.finish()?)?)
}

/// `new DossierAnalyzer(options)`: a file given chunk by chunk (`push`), then `finish()`.
#[wasm_bindgen(js_name = DossierAnalyzer)]
pub struct DossierAnalyzer {
    inner: Analyzer,
}

#[wasm_bindgen(js_class = DossierAnalyzer)]
impl DossierAnalyzer {
    /// Checks the options (period, catalog, calendar) and starts an empty analysis.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "AnalyzeOptions")] options: JsValue,
    ) -> Result<DossierAnalyzer, JsValue> {
        let opts: AnalyzeOptions = from_js(options, "options")?;
        Ok(DossierAnalyzer {
            inner: Analyzer::new(&opts)?,
        })
    }

    /// Feeds the next chunk of the file.
    pub fn push(&mut self, chunk: &js_sys::Uint8Array) -> Result<(), JsValue> {
        push_array(&mut self.inner, chunk)?;
        Ok(())
    }

    /// Starts the next file (any format): the bytes pushed from now on are that file's; the
    /// next `beginFile()` or `finish()` ends it. `push()` without `beginFile()` is one file.
    #[wasm_bindgen(js_name = beginFile)]
    pub fn begin_file(&mut self, name: String) -> Result<(), JsValue> {
        self.inner.begin_file(&name)?;
        Ok(())
    }

    /// Ends the file and returns the report.
    #[wasm_bindgen(unchecked_return_type = "Report")]
    pub fn finish(&mut self) -> Result<JsValue, JsValue> {
        let r = self.inner.finish()?;
        Ok(to_js(&r)?)
    }

    /// Ends the current file and returns the state so far as bytes, to merge with the
    /// snapshots of other runs of files (e.g. in other Workers) by `DossierAnalyzer.merge`.
    /// The analysis goes on: bytes pushed next are a new file.
    pub fn snapshot(&mut self) -> Result<js_sys::Uint8Array, JsValue> {
        let bytes = self.inner.snapshot()?;
        Ok(js_sys::Uint8Array::from(bytes.as_slice()))
    }

    /// The report of snapshots taken over consecutive runs of files, in order: exactly the
    /// report of one analyzer over all the files. The options are the ones the snapshots were
    /// made with (the entry has checked that each snapshot is a `Uint8Array`).
    #[wasm_bindgen(unchecked_return_type = "Report")]
    pub fn merge(
        #[wasm_bindgen(unchecked_param_type = "Uint8Array[]")] snapshots: &js_sys::Array,
        #[wasm_bindgen(unchecked_param_type = "AnalyzeOptions")] options: JsValue,
    ) -> Result<JsValue, JsValue> {
        let opts: AnalyzeOptions = from_js(options, "options")?;
        // One snapshot in wasm memory at a time.
        let parts = snapshots
            .iter()
            .map(|s| s.unchecked_into::<js_sys::Uint8Array>().to_vec());
        Ok(to_js(&crate::stats::merge(parts, &opts)?)?)
    }

    /// Data rows read so far (progress).
    #[wasm_bindgen(getter, js_name = rowsRead)]
    pub fn rows_read(&self) -> f64 {
        self.inner.rows_read() as f64
    }

    /// Bytes pushed so far (progress).
    #[wasm_bindgen(getter, js_name = bytesRead)]
    pub fn bytes_read(&self) -> f64 {
        self.inner.bytes_read() as f64
    }
}

fn table_of(table: Option<String>) -> Result<Table, Error> {
    match table.as_deref() {
        None => Ok(Table::Agency),
        Some(t) => Table::from_name(t).ok_or_else(|| {
            Error::new(
                ErrorKind::Options,
                format!(
                    "Bảng \"{}\" không có (agency, domain, procedure, month).",
                    crate::message::truncate_for_message(t)
                ),
                format!(
                    "There is no table \"{}\" (agency, domain, procedure, month).",
                    crate::message::truncate_for_message(t)
                ),
            )
            .with_field("table")
        }),
    }
}

/// `reportToCsv(report, table?)`: a table of the report as CSV text (UTF-8 with BOM);
/// `table` is `"agency"` (default), `"domain"`, `"procedure"` or `"month"`.
#[wasm_bindgen(js_name = reportToCsv)]
pub fn report_to_csv(
    #[wasm_bindgen(unchecked_param_type = "Report")] report: JsValue,
    table: Option<String>,
) -> Result<String, JsValue> {
    let ExportReport(r) = from_js(report, "report")?;
    Ok(csv_of(&r, table_of(table)?))
}

/// `reportToXlsx(report)`: the report as an XLSX workbook (bytes).
#[wasm_bindgen(js_name = reportToXlsx)]
pub fn report_to_xlsx(
    #[wasm_bindgen(unchecked_param_type = "Report")] report: JsValue,
) -> Result<Vec<u8>, JsValue> {
    let ExportReport(r) = from_js(report, "report")?;
    Ok(xlsx_of(&r))
}

/// `formatNumberVi(n, decimals = 0)`: `6753` → `"6.753"`.
#[wasm_bindgen(js_name = formatNumberVi)]
pub fn format_number_vi(n: f64, decimals: Option<u32>) -> String {
    fmt_num(n, decimals.unwrap_or(0))
}

/// `formatPercentVi(x)`: `99.19` → `"99,19 %"`, `null` → `""`.
#[wasm_bindgen(js_name = formatPercentVi)]
pub fn format_percent_vi(x: Option<f64>) -> String {
    fmt_pct(x)
}

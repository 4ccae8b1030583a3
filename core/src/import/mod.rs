//! Importing the bills WeChat Pay and Alipay hand out: detect the format and encoding, stream
//! the rows, check them, insert payments and refunds as trades (each keyed so a re-import or an
//! overlapping bill inserts only what is new), reconcile against the bill's own totals, match
//! stores by merchant id and attribute coupon redemptions — one file, one atomic batch.

mod alipay;
mod amount;
mod generic;
mod pipeline;
mod read;
mod resaved;
pub(crate) mod room;
mod wechat;
mod write;

use serde::Serialize;
use ts_rs::TS;

pub use amount::{format_scaled, parse_scaled};
pub use generic::{
    get_mapping, list_mappings, remove_mapping, save_mapping, Mapping, MappingColumns,
};
pub use write::{history, import_file, unattributed, undo, unmatched_merchants};

use crate::text::Localized;

/// A bill format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
pub enum Format {
    WechatTrade,
    AlipayTrade,
    Csv,
}

impl Format {
    pub fn key(self) -> &'static str {
        match self {
            Format::WechatTrade => "wechat-trade",
            Format::AlipayTrade => "alipay-trade",
            Format::Csv => "csv",
        }
    }

    /// The bill's name as people know it (the glossary's), in `lang`.
    pub fn label(self, lang: crate::text::Lang) -> &'static str {
        use crate::text::Lang;
        match (self, lang) {
            (Format::WechatTrade, Lang::ZhCn) => "微信支付交易账单",
            (Format::WechatTrade, Lang::En) => "WeChat Pay trade bill",
            (Format::AlipayTrade, Lang::ZhCn) => "支付宝业务明细",
            (Format::AlipayTrade, Lang::En) => "Alipay business detail",
            (Format::Csv, Lang::ZhCn) => "其他 CSV（列映射）",
            (Format::Csv, Lang::En) => "Other CSV (column mapping)",
        }
    }
}

/// What the user asked for with `--format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum FormatChoice {
    #[default]
    Auto,
    Only(Format),
}

impl From<Option<Format>> for FormatChoice {
    fn from(only: Option<Format>) -> FormatChoice {
        only.map_or(FormatChoice::Auto, FormatChoice::Only)
    }
}

impl FormatChoice {
    pub fn parse(text: &str) -> Option<FormatChoice> {
        match text.trim() {
            "auto" => Some(FormatChoice::Auto),
            "wechat-trade" => Some(FormatChoice::Only(Format::WechatTrade)),
            "alipay-trade" => Some(FormatChoice::Only(Format::AlipayTrade)),
            "csv" => Some(FormatChoice::Only(Format::Csv)),
            _ => None,
        }
    }
}

/// How to import.
#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    pub format: FormatChoice,
    /// The saved mapping for generic CSV files (required with `--format csv`).
    pub mapping: Option<String>,
    /// Keep a file whose rows disagree with its own summary (the batch is marked unreconciled).
    pub accept_mismatch: bool,
}

/// Sums over a file's rows, in yuan, with the meanings of the CLI contract.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
pub struct Totals {
    pub order: String,
    pub settlement: String,
    pub coupon: String,
    pub refund: String,
    pub fee: String,
}

/// One difference between the rows and the bill's summary.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Mismatch {
    /// The summary's name for the figure, e.g. 应结订单总金额.
    pub figure: String,
    pub summary: String,
    pub rows: String,
}

/// The result of importing one file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ImportReport {
    pub file: String,
    pub format: Format,
    pub batch_id: i64,
    pub rows: u64,
    pub payments: u64,
    pub refunds: u64,
    pub inserted: u64,
    pub duplicates: u64,
    pub reconciled: bool,
    pub totals: Totals,
    pub mismatches: Vec<Mismatch>,
}

/// A batch in the import history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct BatchSummary {
    pub batch_id: i64,
    pub file: String,
    pub format: String,
    /// RFC 3339 in the mall's zone.
    pub imported_at: String,
    pub rows: u64,
    pub inserted: u64,
    pub duplicates: u64,
    pub reconciled: bool,
    pub totals: Totals,
}

/// A merchant id seen in bills that no store carries yet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct UnmatchedMerchant {
    pub provider: String,
    pub merchant_id: String,
    pub trades: u64,
}

/// A payment that used a coupon PromoDesk could not attribute to exactly one coupon.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct UnattributedTrade {
    pub trade_id: i64,
    pub provider: String,
    pub trade_no: String,
    pub occurred_at: String,
    pub coupon_amount: String,
    pub coupon_name: String,
}

/// Why a file was refused. Each names the line (1-based) and column where it can.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("the file is empty")]
    Empty,
    #[error("the file is not a text bill (it contains binary data)")]
    Binary,
    #[error("this is a personal {0} bill (the export for consumers); import the merchant trade bill from the merchant platform instead")]
    PersonalBill(&'static str),
    #[error("line {line}: this bill was opened and saved again in a spreadsheet program (such as Excel or WPS), {}. Download the bill again from the merchant platform and import the downloaded file directly, without opening it first", resave_damage(.column, .value, crate::text::Lang::En))]
    ResavedBySpreadsheet {
        line: u64,
        /// The damaged column, or empty when the backticks before every value are gone.
        column: String,
        value: String,
    },
    #[error("this is an Alipay 账务明细 (account ledger): it lists money moving in and out of the account, not sales. Download the 业务明细 (trade detail) for the same dates from the Alipay merchant platform and import that instead")]
    AlipayLedger { line: Option<u64> },
    #[error("the format is not recognised: expected a WeChat Pay trade bill or an Alipay 业务明细 — download the bill again from the merchant platform, or import it as a generic CSV with a column mapping")]
    UnknownFormat,
    #[error("line {line}: the column {column} is missing")]
    MissingColumn { line: u64, column: String },
    #[error("line {line}, column {column}: '{value}' {why}")]
    BadValue {
        line: u64,
        column: String,
        value: String,
        why: &'static str,
    },
    #[error(
        "line {line}: {found} columns where the header has {expected}; the file is cut or damaged"
    )]
    ColumnCount {
        line: u64,
        found: usize,
        expected: usize,
    },
    #[error("line {line}: the line is longer than {limit} bytes; this is not a bill line")]
    LineTooLong { line: u64, limit: usize },
    #[error("the file ends before its summary; it is incomplete (truncated download?)")]
    Truncated { line: u64 },
    #[error("the rows do not add up to the bill's own summary: {}; check that the file is complete, or import it anyway and it will be marked as not reconciled", describe(.0))]
    Mismatch(Vec<Mismatch>),
    #[error("the ZIP entry '{0}' points outside the archive; refused")]
    ZipTraversal(String),
    #[error("the ZIP entry '{name}' is larger than {limit_mb} MB uncompressed; refused")]
    ZipTooLarge { name: String, limit_mb: u64 },
    #[error("the ZIP holds no 业务明细 bill (only: {0})")]
    ZipNoDetail(String),
    #[error("the ZIP archive is damaged: {0}")]
    Zip(String),
    #[error("the import was cancelled; nothing was written")]
    Cancelled,
    #[error("{}", room::message(.dir, *.needed_mb, *.free_mb, crate::text::Lang::En))]
    DiskFull {
        /// The folder that holds the database.
        dir: String,
        /// About how much room the bill needs (see `room::needed_mb`).
        needed_mb: u64,
        /// What the disk has left, when the system tells.
        free_mb: Option<u64>,
    },
    #[error("cannot read the file: {}", crate::text::io_reason(.0).0)]
    Io(#[from] std::io::Error),
    #[error(transparent)]
    Mall(#[from] crate::mall::MallError),
    #[error("{}", crate::fault::db_message(.0, crate::text::Lang::En))]
    Db(#[from] crate::sql::Error),
    #[error("import batch {0} does not exist; it may have been undone already — reload the import history")]
    BatchNotFound(i64),
    #[error("column mapping '{0}' does not exist; save it first or choose a saved one")]
    MappingNotFound(String),
    #[error("a generic CSV needs a saved column mapping: choose one, or save one that names the file's columns")]
    MappingRequired,
    #[error("{}", crate::problem::join(.0, crate::text::Lang::En))]
    Invalid(Vec<crate::problem::Problem>),
}

/// What a spreadsheet did to the bill, in words for the person who opened it.
fn resave_damage(column: &str, value: &str, lang: crate::text::Lang) -> String {
    let en = lang == crate::text::Lang::En;
    if column.is_empty() {
        return if en {
            "which removed the ` mark WeChat Pay puts before every value to keep long order numbers intact, so they can no longer be trusted".into()
        } else {
            "每个数值前用来保护长订单号的 ` 符号已被去掉，订单号已不可信".into()
        };
    }
    // Times: the program rewrote them in its own format; anything else is an id.
    match (en, column.ends_with("时间")) {
        (true, true) => format!("which rewrote its dates and times ({column} now reads '{value}') and damages its long order numbers"),
        (true, false) => format!("which damaged its order numbers ({column} now reads '{value}')"),
        (false, true) => format!("日期时间已被改写（{column} 变成了“{value}”），长订单号也会被改坏"),
        (false, false) => format!("订单号已被改坏（{column} 变成了“{value}”）"),
    }
}

fn describe(m: &[Mismatch]) -> String {
    m.iter()
        .map(|m| {
            format!(
                "{} is {} in the summary but {} in the rows",
                m.figure, m.summary, m.rows
            )
        })
        .collect::<Vec<_>>()
        .join("; ")
}

impl ImportError {
    /// Field-level problems of a refused mapping, so its form can show each next to its field.
    pub fn problems(&self) -> &[crate::problem::Problem] {
        match self {
            ImportError::Invalid(problems) => problems,
            _ => &[],
        }
    }

    pub fn code(&self) -> &'static str {
        match self {
            ImportError::Empty => "import.empty",
            ImportError::Binary => "import.binary",
            ImportError::PersonalBill(_) => "import.personal_bill",
            ImportError::ResavedBySpreadsheet { .. } => "import.resaved_by_spreadsheet",
            ImportError::AlipayLedger { .. } => "import.alipay_ledger",
            ImportError::UnknownFormat => "import.unknown_format",
            ImportError::MissingColumn { .. } => "import.missing_column",
            ImportError::BadValue { .. } => "import.bad_value",
            ImportError::ColumnCount { .. } => "import.column_count",
            ImportError::LineTooLong { .. } => "import.line_too_long",
            ImportError::Truncated { .. } => "import.truncated",
            ImportError::Mismatch(_) => "import.mismatch",
            ImportError::ZipTraversal(_) => "import.zip_traversal",
            ImportError::ZipTooLarge { .. } => "import.zip_too_large",
            ImportError::ZipNoDetail(_) => "import.zip_no_detail",
            ImportError::Zip(_) => "import.zip_damaged",
            ImportError::Cancelled => "import.cancelled",
            ImportError::DiskFull { .. } => "import.disk_full",
            ImportError::Io(_) => "import.io",
            ImportError::Mall(e) => e.code(),
            ImportError::Db(e) => crate::fault::db_code(e),
            ImportError::BatchNotFound(_) => "import.batch_not_found",
            ImportError::MappingNotFound(_) => "import.mapping_not_found",
            ImportError::MappingRequired => "import.mapping_required",
            ImportError::Invalid(_) => "import.invalid",
        }
    }

    /// The line the problem is on, when there is one.
    pub fn line(&self) -> Option<u64> {
        match self {
            ImportError::MissingColumn { line, .. }
            | ImportError::BadValue { line, .. }
            | ImportError::ColumnCount { line, .. }
            | ImportError::LineTooLong { line, .. }
            | ImportError::Truncated { line }
            | ImportError::ResavedBySpreadsheet { line, .. } => Some(*line),
            ImportError::AlipayLedger { line } => *line,
            _ => None,
        }
    }

    pub fn localized(&self) -> Localized {
        let zh = match self {
            ImportError::Empty => "文件是空的".to_string(),
            ImportError::Binary => "文件不是文本账单（含有二进制内容）".to_string(),
            ImportError::PersonalBill(p) => format!(
                "这是{}个人账单（消费者导出的账单）；请从商户平台下载商户交易账单后导入",
                if *p == "WeChat Pay" {
                    "微信支付"
                } else {
                    "支付宝"
                }
            ),
            ImportError::ResavedBySpreadsheet {
                line,
                column,
                value,
            } => format!(
                "第 {line} 行：这份账单曾用表格软件（如 Excel、WPS）打开并重新保存过，{}。请到商户平台重新下载账单，下载后不要打开，直接导入",
                resave_damage(column, value, crate::text::Lang::ZhCn)
            ),
            ImportError::AlipayLedger { .. } => "这是支付宝账务明细（记录账户资金进出，不是交易）。请到支付宝商家平台下载同一日期的业务明细，再导入那个文件".to_string(),
            ImportError::UnknownFormat => {
                "无法识别的格式：需要微信支付交易账单或支付宝业务明细；请从商户平台重新下载账单，或用列映射按通用 CSV 导入"
                    .to_string()
            }
            ImportError::MissingColumn { line, column } => {
                format!("第 {line} 行：缺少“{column}”列")
            }
            ImportError::BadValue {
                line,
                column,
                value,
                why,
            } => format!("第 {line} 行“{column}”列：“{value}”{}", why_zh(why)),
            ImportError::ColumnCount {
                line,
                found,
                expected,
            } => format!("第 {line} 行：有 {found} 列，表头有 {expected} 列；文件被截断或已损坏"),
            ImportError::LineTooLong { line, limit } => {
                format!("第 {line} 行：超过 {limit} 字节，不是账单行")
            }
            ImportError::Truncated { .. } => {
                "文件在汇总行之前就结束了，文件不完整（下载被中断？）".to_string()
            }
            ImportError::Mismatch(m) => format!(
                "明细与账单汇总不一致：{}；请确认文件完整，或仍然导入并标记为未对平",
                m.iter()
                    .map(|m| format!("{} 汇总为 {}，明细合计为 {}", m.figure, m.summary, m.rows))
                    .collect::<Vec<_>>()
                    .join("；")
            ),
            ImportError::ZipTraversal(n) => format!("压缩包条目“{n}”指向压缩包之外，已拒绝"),
            ImportError::ZipTooLarge { name, limit_mb } => {
                format!("压缩包条目“{name}”解压后超过 {limit_mb} MB，已拒绝")
            }
            ImportError::ZipNoDetail(n) => format!("压缩包中没有业务明细账单（只有：{n}）"),
            ImportError::Zip(e) => format!("压缩包已损坏：{e}"),
            ImportError::Cancelled => "导入已取消，未写入任何数据".to_string(),
            ImportError::DiskFull {
                dir,
                needed_mb,
                free_mb,
            } => room::message(dir, *needed_mb, *free_mb, crate::text::Lang::ZhCn),
            ImportError::Io(e) => format!("无法读取文件：{}", crate::text::io_reason(e).1),
            ImportError::Mall(e) => return e.localized(),
            ImportError::Db(e) => crate::fault::db_message(e, crate::text::Lang::ZhCn),
            ImportError::BatchNotFound(id) => format!("导入批次 {id} 不存在"),
            ImportError::MappingNotFound(n) => format!("列映射“{n}”不存在"),
            ImportError::MappingRequired => {
                "通用 CSV 需要已保存的列映射：请选择一个，或先保存写明文件各列的映射".to_string()
            }
            ImportError::Invalid(p) => return crate::problem::join_localized(p),
        };
        Localized::new(self.to_string(), zh)
    }
}

fn why_zh(why: &str) -> &'static str {
    match why {
        "is not an amount" => "不是金额",
        "is not a date and time (YYYY-MM-DD HH:MM:SS)" => "不是日期时间（YYYY-MM-DD HH:MM:SS）",
        "is negative on a payment row" => "在收款行中为负数",
        "is empty" => "为空",
        _ => "无效",
    }
}

#[cfg(test)]
mod tests;

//! The report as data: localized sections of typed cells and the charts drawn from them. Every
//! output (XLSX, PDF, CSV) and the in-app preview render this one model, so they cannot disagree.

use rust_decimal::Decimal;
use serde::Serialize;
use ts_rs::TS;

/// One cell. Money and ratios stay exact decimal strings until a writer needs a number.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(tag = "kind", content = "value", rename_all = "snake_case")]
pub enum Cell {
    /// Text from people or bills: never evaluated (neutralised in CSV, a string in XLSX).
    Text(String),
    /// Yuan, e.g. `"1234.50"`.
    Money(String),
    Int(i64),
    /// A fraction, e.g. `"0.1234"` = 12.34 %.
    Ratio(String),
    Empty,
}

impl Cell {
    pub fn text(value: impl Into<String>) -> Cell {
        Cell::Text(value.into())
    }
    /// Yuan as the statistics give it, keeping its decimals.
    pub fn money(value: Decimal) -> Cell {
        Cell::Money(value.to_string())
    }
    pub fn money_opt(value: Option<Decimal>) -> Cell {
        value.map_or(Cell::Empty, Cell::money)
    }
    pub fn ratio_opt(value: Option<Decimal>) -> Cell {
        value.map_or(Cell::Empty, |r| Cell::Ratio(r.to_string()))
    }
}

/// Which part of the report a section is; stable for file and sheet naming.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum SectionId {
    Summary,
    Kpis,
    Providers,
    Daily,
    Stores,
    Coupons,
    Bills,
}

impl SectionId {
    pub fn key(self) -> &'static str {
        match self {
            SectionId::Summary => "summary",
            SectionId::Kpis => "kpis",
            SectionId::Providers => "providers",
            SectionId::Daily => "daily",
            SectionId::Stores => "stores",
            SectionId::Coupons => "coupons",
            SectionId::Bills => "bills",
        }
    }
}

/// A titled table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Section {
    pub id: SectionId,
    pub title: String,
    pub columns: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ChartKind {
    Line,
    Column,
    Bar,
}

/// A chart of one section: categories from one column, values from another.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Chart {
    pub section: SectionId,
    pub title: String,
    pub kind: ChartKind,
    pub category_column: usize,
    pub value_column: usize,
    /// One colour per row (`#rrggbb`), for charts whose rows are wallets: each wallet in its
    /// own colour, the same as in the app. Empty: the report's accent for every bar.
    pub colors: Vec<String>,
}

/// A campaign report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Report {
    pub campaign_id: i64,
    /// The campaign's name.
    pub title: String,
    pub mall: String,
    /// "Generated at 2026-11-26 09:10 (Asia/Shanghai)", localized.
    pub generated: String,
    pub sections: Vec<Section>,
    pub charts: Vec<Chart>,
}

impl Report {
    pub fn section(&self, id: SectionId) -> Option<&Section> {
        self.sections.iter().find(|s| s.id == id)
    }
}

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
    /// A change against a baseline as a fraction, shown with its sign: `"-0.05"` = −5.00 %.
    Change(String),
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
    pub fn change_opt(value: Option<Decimal>) -> Cell {
        value.map_or(Cell::Empty, |r| Cell::Change(r.to_string()))
    }

    /// How the cell reads on paper: `¥1,234.50`, `12,345`, `12.34%`, `+5.00%`, `—`.
    pub fn display(&self) -> String {
        match self {
            Cell::Text(t) => t.clone(),
            Cell::Money(m) => yuan(m),
            Cell::Int(i) => thousands(&i.to_string()),
            Cell::Ratio(r) => percent(r, 2),
            Cell::Change(r) => match percent(r, 2) {
                p if p.starts_with('-') || p.is_empty() => p,
                p => format!("+{p}"),
            },
            Cell::Empty => "—".into(),
        }
    }
}

/// `"1234567"` → `"1,234,567"`, keeping a minus sign.
fn thousands(int: &str) -> String {
    let (sign, digits) = int.strip_prefix('-').map_or(("", int), |d| ("-", d));
    let mut out = String::new();
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(ch);
    }
    format!("{sign}{out}")
}

/// Yuan from a decimal string, with the ¥ sign and thousands separators: `-¥1,234.50`. The
/// decimals are kept as given (fees carry more than two), at least two are shown.
pub fn yuan(decimal: &str) -> String {
    let (int, frac) = decimal.split_once('.').unwrap_or((decimal, ""));
    let frac = format!("{frac:0<2}");
    let grouped = thousands(int);
    match grouped.strip_prefix('-') {
        Some(rest) => format!("-¥{rest}.{frac}"),
        None => format!("¥{grouped}.{frac}"),
    }
}

/// A fraction as a percentage with `dp` decimals: `"0.1234"` → `"12.34%"`.
/// Rounded half away from zero, as people round (rust_decimal's `{:.1}` would cut 101.99 to
/// 101.9).
pub fn percent(fraction: &str, dp: usize) -> String {
    use rust_decimal::RoundingStrategy;
    fraction
        .parse::<Decimal>()
        .map(|d| {
            let shown = (d * Decimal::ONE_HUNDRED)
                .round_dp_with_strategy(dp as u32, RoundingStrategy::MidpointAwayFromZero);
            format!("{shown:.dp$}%")
        })
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentages_round_as_people_round() {
        assert_eq!(percent("1.0199", 1), "102.0%");
        assert_eq!(percent("0.1139", 1), "11.4%");
        assert_eq!(percent("0.12345", 2), "12.35%");
        assert_eq!(percent("-0.0005", 1), "-0.1%");
        assert_eq!(Cell::Change("-0.05".into()).display(), "-5.00%");
        assert_eq!(yuan("1234567.5"), "¥1,234,567.50");
    }
}

/// Which part of the report a section is; stable for file and sheet naming.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum SectionId {
    /// Page 1: the headline figures against the baseline.
    Headlines,
    /// Page 1: the wallets compared on what decides which was worth it.
    Wallets,
    Summary,
    Kpis,
    Providers,
    Daily,
    Stores,
    Coupons,
    /// The mall's own code pools: issued, used, and the uses to look into.
    Codes,
    Bills,
}

impl SectionId {
    pub fn key(self) -> &'static str {
        match self {
            SectionId::Headlines => "headlines",
            SectionId::Wallets => "wallets",
            SectionId::Summary => "summary",
            SectionId::Kpis => "kpis",
            SectionId::Providers => "providers",
            SectionId::Daily => "daily",
            SectionId::Stores => "stores",
            SectionId::Coupons => "coupons",
            SectionId::Codes => "codes",
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
    /// A second series drawn beside the first in grey: the baseline's value of each category
    /// (e.g. last year's festival, day by day).
    pub baseline_column: Option<usize>,
}

/// Page 1's answer: what the campaign was, and what its figures say, in sentences.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Answer {
    /// "2027-03-06 – 2027-03-09 · Whole mall", then what the figures are compared with.
    pub facts: Vec<String>,
    /// Three plain sentences generated from the figures, in the report's language.
    pub sentences: Vec<String>,
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
    pub answer: Answer,
    /// Page 1 (`Headlines`, `Wallets`) first, then the details.
    pub sections: Vec<Section>,
    pub charts: Vec<Chart>,
}

impl Report {
    pub fn section(&self, id: SectionId) -> Option<&Section> {
        self.sections.iter().find(|s| s.id == id)
    }
}

impl SectionId {
    /// Whether the section belongs to page 1's answer (the details start on a new page).
    pub fn on_first_page(self) -> bool {
        matches!(self, SectionId::Headlines | SectionId::Wallets)
    }
}

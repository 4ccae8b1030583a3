//! A validation problem: which field, which rule, and how to fix it in words.
//!
//! Validation collects every problem of an input at once, so a form can mark all its fields in
//! one pass instead of making the user fix them one by one.

use serde::Serialize;
use ts_rs::TS;

use crate::text::{Lang, Localized};

/// One thing wrong with an input.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Problem {
    /// The input field, as named in forms and CLI flags (`name`, `end`, `budget`, …).
    pub field: String,
    /// Stable rule code, e.g. `campaign.end_before_start`.
    pub rule: String,
    /// What is wrong and what to do, in both languages.
    pub message: Localized,
}

impl Problem {
    pub fn new(field: &str, rule: &str, en: impl Into<String>, zh: impl Into<String>) -> Problem {
        Problem {
            field: field.to_string(),
            rule: rule.to_string(),
            message: Localized::new(en, zh),
        }
    }
}

/// Joins problems into one line for a terminal.
pub fn join(problems: &[Problem], lang: Lang) -> String {
    problems
        .iter()
        .map(|p| p.message.get(lang).to_string())
        .collect::<Vec<_>>()
        .join("; ")
}

/// Joins problems into one message in both languages.
pub fn join_localized(problems: &[Problem]) -> Localized {
    Localized::new(join(problems, Lang::En), join(problems, Lang::ZhCn))
}

/// The name a field has on its form, for messages people read; the key stays in
/// [`Problem::field`] for the form to place the message. Unknown keys read as themselves.
pub fn field_label(field: &str) -> (&str, &str) {
    match field {
        "budget" => ("budget", "预算"),
        "face_value" => ("amount off or gift value", "面额 / 礼品价值"),
        "threshold" => ("minimum spend", "使用门槛"),
        "pay_percent" => ("percent the shopper pays", "折扣"),
        "cap" => ("most it takes off", "优惠上限"),
        "price" => ("special price", "换购价"),
        "original_price" => ("normal price", "原价"),
        "multiplier" => ("points multiplier", "积分倍数"),
        other => (other, other),
    }
}

//! Text shown to people, in the two languages PromoDesk speaks from the first screen.
//!
//! Core builds each message in both languages when the error happens, so the CLI and the app
//! can show it in the user's language without a second copy of the wording in the UI.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A language of the user interface.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
pub enum Lang {
    #[default]
    #[serde(rename = "zh-CN")]
    ZhCn,
    #[serde(rename = "en")]
    En,
}

impl Lang {
    /// Picks the language from a locale tag such as `zh_CN.UTF-8` or `en-US`: Chinese for any
    /// `zh*`, English otherwise.
    pub fn from_locale(tag: &str) -> Lang {
        if tag.to_ascii_lowercase().starts_with("zh") {
            Lang::ZhCn
        } else {
            Lang::En
        }
    }
}

/// One message in English and Simplified Chinese.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Localized {
    pub en: String,
    pub zh: String,
}

impl Localized {
    pub fn new(en: impl Into<String>, zh: impl Into<String>) -> Self {
        Localized {
            en: en.into(),
            zh: zh.into(),
        }
    }

    /// The message in `lang`.
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::En => &self.en,
            Lang::ZhCn => &self.zh,
        }
    }
}

/// Number of characters as a person counts them (a Chinese character counts once).
pub fn char_len(s: &str) -> usize {
    s.chars().count()
}

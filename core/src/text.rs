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

/// Why a file could not be read, in words for people (never the system's own error text): in
/// English and in Chinese.
pub fn io_reason(e: &std::io::Error) -> (&'static str, &'static str) {
    use std::io::ErrorKind;
    match e.kind() {
        ErrorKind::NotFound => (
            "the file is not there; check the path or choose the file again",
            "找不到该文件；请检查路径或重新选择文件",
        ),
        ErrorKind::PermissionDenied => (
            "PromoDesk may not read it; ask for access or copy it to a folder of your own",
            "没有读取该文件的权限；请申请权限，或把它复制到自己的文件夹",
        ),
        ErrorKind::IsADirectory => (
            "that is a folder, not a file; choose the file inside it",
            "这是文件夹而不是文件；请选择其中的文件",
        ),
        _ => (
            "the file could not be read to the end; copy or download it again",
            "无法完整读取该文件；请重新复制或下载",
        ),
    }
}

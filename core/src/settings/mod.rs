//! Preferences kept with the database: the interface language chosen in Settings.
//!
//! They live in the database rather than in the webview's storage so the CLI, the app and a
//! restored backup all agree, and a test run with its own database starts from a clean slate.

use crate::sql::{params, OptionalExtension};

use crate::db::Db;
use crate::text::Lang;

const LANGUAGE: &str = "language";

/// The language chosen in Settings, if the user ever chose one.
pub fn language(db: &Db) -> Result<Option<Lang>, crate::sql::Error> {
    let value: Option<String> = db
        .conn()
        .query_row(
            "SELECT value FROM app_setting WHERE key = ?1",
            [LANGUAGE],
            |r| r.get(0),
        )
        .optional()?;
    Ok(value.and_then(|v| serde_json::from_str(&format!("\"{v}\"")).ok()))
}

/// Saves the chosen language.
pub fn set_language(db: &mut Db, lang: Lang) -> Result<(), crate::sql::Error> {
    let value = match lang {
        Lang::ZhCn => "zh-CN",
        Lang::En => "en",
    };
    db.write(|tx| {
        tx.execute(
            "INSERT INTO app_setting (key, value) VALUES (?1, ?2)
             ON CONFLICT (mall_id, key) DO UPDATE SET value = excluded.value",
            params![LANGUAGE, value],
        )
        .map(drop)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn language_is_unset_then_saved() {
        let mut db = Db::open_in_memory().unwrap();
        assert_eq!(language(&db).unwrap(), None);
        set_language(&mut db, Lang::En).unwrap();
        assert_eq!(language(&db).unwrap(), Some(Lang::En));
        set_language(&mut db, Lang::ZhCn).unwrap();
        assert_eq!(language(&db).unwrap(), Some(Lang::ZhCn));
    }
}

//! The mall PromoDesk works for: its name and the time zone every date is read and shown in.

use crate::sql::params;
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::db::Db;
use crate::problem::{join_localized, Problem};

mod logo;
use crate::text::{char_len, Localized};
pub use logo::{clear_logo, logo, logo_info, set_logo, Logo, LogoInfo, LogoKind, MAX_LOGO_BYTES};

/// Longest mall name accepted.
pub const MAX_MALL_NAME: usize = 60;

/// The mall.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Mall {
    pub name: String,
    /// IANA time zone, e.g. `Asia/Shanghai`.
    pub time_zone: String,
    /// Always `CNY`.
    pub currency: String,
}

impl Mall {
    /// The mall's zone. The stored name was checked on the way in.
    pub fn zone(&self) -> Tz {
        crate::time::parse_zone(&self.time_zone).unwrap_or(chrono_tz::Asia::Shanghai)
    }
}

/// A change to the mall; absent fields stay as they are.
#[derive(Debug, Clone, Default, Deserialize, serde::Serialize, TS)]
pub struct MallPatch {
    pub name: Option<String>,
    pub time_zone: Option<String>,
}

/// Errors of the mall settings.
#[derive(Debug, thiserror::Error)]
pub enum MallError {
    #[error("{}", crate::problem::join(.0, crate::text::Lang::En))]
    Invalid(Vec<Problem>),
    #[error("{}", crate::fault::db_message(.0, crate::text::Lang::En))]
    Db(#[from] crate::sql::Error),
}

impl MallError {
    pub fn code(&self) -> &'static str {
        match self {
            MallError::Invalid(_) => "mall.invalid",
            MallError::Db(e) => crate::fault::db_code(e),
        }
    }

    pub fn localized(&self) -> Localized {
        match self {
            MallError::Invalid(problems) => join_localized(problems),
            MallError::Db(e) => Localized::new(
                self.to_string(),
                crate::fault::db_message(e, crate::text::Lang::ZhCn),
            ),
        }
    }

    pub fn problems(&self) -> &[Problem] {
        match self {
            MallError::Invalid(p) => p,
            MallError::Db(_) => &[],
        }
    }
}

/// Reads the mall.
pub fn get(db: &Db) -> Result<Mall, MallError> {
    Ok(db.conn().query_row(
        "SELECT name, time_zone, currency FROM current_mall",
        [],
        |r| {
            Ok(Mall {
                name: r.get(0)?,
                time_zone: r.get(1)?,
                currency: r.get(2)?,
            })
        },
    )?)
}

/// Changes the mall after checking every field.
pub fn update(db: &mut Db, patch: &MallPatch) -> Result<Mall, MallError> {
    let problems = check_patch(patch);
    if !problems.is_empty() {
        return Err(MallError::Invalid(problems));
    }
    let name = patch.name.as_deref().map(str::trim);
    let zone = patch.time_zone.as_deref().map(str::trim);
    db.write(|tx| {
        if let Some(name) = name {
            tx.execute(
                "UPDATE mall SET name = ?1 WHERE id = (SELECT id FROM current_mall)",
                params![name],
            )?;
        }
        if let Some(zone) = zone {
            tx.execute(
                "UPDATE mall SET time_zone = ?1 WHERE id = (SELECT id FROM current_mall)",
                params![zone],
            )?;
        }
        Ok::<_, MallError>(())
    })?;
    get(db)
}

/// What is wrong with a name or zone for a mall (a plaza's included); empty when nothing is.
pub fn check_patch(patch: &MallPatch) -> Vec<Problem> {
    let mut problems = Vec::new();
    let name = patch.name.as_deref().map(str::trim);
    if let Some(name) = name {
        if name.is_empty() {
            problems.push(Problem::new(
                "name",
                "mall.name_empty",
                "mall name is empty; enter the mall's name",
                "商场名称为空；请填写商场名称",
            ));
        } else if char_len(name) > MAX_MALL_NAME {
            problems.push(Problem::new(
                "name",
                "mall.name_too_long",
                format!(
                    "mall name has {} characters; shorten it to {MAX_MALL_NAME}",
                    char_len(name)
                ),
                format!(
                    "商场名称有 {} 个字，请缩短到 {MAX_MALL_NAME} 个以内",
                    char_len(name)
                ),
            ));
        }
    }
    let zone = patch.time_zone.as_deref().map(str::trim);
    if let Some(zone) = zone {
        if crate::time::parse_zone(zone).is_none() {
            problems.push(Problem::new(
                "time_zone",
                "mall.time_zone_unknown",
                format!("time zone '{zone}' is unknown; use an IANA name such as Asia/Shanghai"),
                format!("时区“{zone}”无法识别；请使用 IANA 名称，如 Asia/Shanghai"),
            ));
        }
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_database_has_a_shanghai_mall() {
        let db = Db::open_in_memory().unwrap();
        let mall = get(&db).unwrap();
        assert_eq!(mall.time_zone, "Asia/Shanghai");
        assert_eq!(mall.currency, "CNY");
    }

    #[test]
    fn bad_names_and_zones_are_refused_together() {
        let mut db = Db::open_in_memory().unwrap();
        let patch = MallPatch {
            name: Some("  ".into()),
            time_zone: Some("Beijing".into()),
        };
        let err = update(&mut db, &patch).unwrap_err();
        let rules: Vec<_> = err.problems().iter().map(|p| p.rule.as_str()).collect();
        assert_eq!(rules, ["mall.name_empty", "mall.time_zone_unknown"]);
        assert_eq!(get(&db).unwrap().name, "My Mall");
    }

    #[test]
    fn changes_are_saved() {
        let mut db = Db::open_in_memory().unwrap();
        let patch = MallPatch {
            name: Some("朝阳大悦城".into()),
            time_zone: Some("Asia/Urumqi".into()),
        };
        let mall = update(&mut db, &patch).unwrap();
        assert_eq!(mall.name, "朝阳大悦城");
        assert_eq!(mall.zone(), chrono_tz::Asia::Urumqi);
    }
}

//! Choosing the database this computer works on: a team database (given by IT as a URL and a
//! password) or the local file again. These run before any database is open for them, so
//! they are functions, not [`super::Api`] methods; the front restarts itself on the choice.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::db::{self, DbError, Location};
use crate::sql::pg;
use crate::{Db, Error};

/// A team database to connect this computer to.
#[derive(Debug, Clone, Deserialize, Serialize, TS)]
#[serde(deny_unknown_fields)]
pub struct TeamConnect {
    /// As IT gave it: `postgres://user@server/database?sslmode=require`.
    pub url: String,
    /// Empty to use the one the keyring already holds for this URL.
    #[serde(default)]
    pub password: String,
}

/// The connection that worked.
#[derive(Debug, Clone, Serialize, TS)]
pub struct TeamConnected {
    /// The URL without its password, which is what the app now opens.
    pub url: String,
    /// The password went into the system's keyring; false when there is none (then it must be
    /// entered at each connect, and the message says so).
    pub password_saved: bool,
}

/// Connects to the team database (bringing its schema up to date, as the first desktop to use
/// it does), keeps the password in the keyring and the URL as this computer's database.
pub fn team_connect(p: &TeamConnect) -> Result<TeamConnected, Error> {
    connect_remembering(p, db::remembered_file().as_deref())
}

fn connect_remembering(
    p: &TeamConnect,
    remembered: Option<&std::path::Path>,
) -> Result<TeamConnected, Error> {
    let url = p.url.trim();
    if !pg::is_url(url) || pg::config(url).is_err() {
        return Err(DbError::NotATeamUrl.into());
    }
    let shown = pg::redact(url);
    let with_password = if p.password.is_empty() {
        url.to_string()
    } else {
        db::with_password(&shown, &p.password)
    };
    Db::open_at(&Location::Team(with_password))?;
    let password_saved = !p.password.is_empty() && db::save_password(&shown, &p.password).is_ok();
    if let Some(file) = remembered {
        db::remember(file, Some(&shown)).map_err(|e| DbError::Remember(e.to_string()))?;
    }
    Ok(TeamConnected {
        url: shown,
        password_saved,
    })
}

/// Goes back to this computer's own database file; its path.
pub fn use_local_database() -> Result<String, Error> {
    if let Some(file) = db::remembered_file() {
        db::remember(&file, None).map_err(|e| DbError::Remember(e.to_string()))?;
    }
    Ok(Location::local_default()?.shown())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn connect(url: &str, file: &std::path::Path) -> Result<TeamConnected, Error> {
        let p = TeamConnect {
            url: url.into(),
            password: String::new(),
        };
        connect_remembering(&p, Some(file))
    }

    #[test]
    fn a_wrong_address_or_an_absent_server_is_told_in_words_and_nothing_is_remembered() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("database.json");
        let code = |r: Result<TeamConnected, Error>| r.unwrap_err().code();
        assert_eq!(code(connect("mall-db:5432", &file)), "db.not_a_team_url");
        let nowhere = format!(
            "postgresql://li@/pd?host={}",
            dir.path().join("none").display()
        );
        assert_eq!(code(connect(&nowhere, &file)), "db.server_unreachable");
        assert!(!file.exists());
    }

    #[test]
    fn the_team_database_that_answers_is_remembered_without_its_password() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("database.json");
        let db = Db::open_in_memory().unwrap();
        match db.test_location() {
            Some(Location::Team(url)) => {
                let connected = connect(&url, &file).unwrap();
                assert_eq!(connected.url, pg::redact(&url));
                assert!(std::fs::read_to_string(&file)
                    .unwrap()
                    .contains(&connected.url));
            }
            // The embedded run has no server to connect to: a file is no team database.
            _ => {
                let err = connect("/tmp/promodesk.db", &file).unwrap_err();
                assert_eq!(err.code(), "db.not_a_team_url");
                assert!(!file.exists());
            }
        }
    }
}

//! Where the database is: a file (the embedded store) or a team database's URL. The fronts take
//! either from `--db` or `PROMODESK_DB` and never branch on it themselves.
//!
//! A team URL is kept without its password wherever it is stored or shown; the password lives
//! in the operating system's keyring (Secret Service on Linux, Keychain, Credential Manager),
//! under the URL as [`Redacted`] shows it. A password written in the URL itself is used as
//! given (for a script's `PROMODESK_DB`) and never stored.

use std::path::{Path, PathBuf};

use crate::sql::pg::{self, Redacted};

use super::{resolve_path, Db, DbError};

/// The keyring service PromoDesk's passwords are filed under.
const KEYRING_SERVICE: &str = "PromoDesk team database";

/// A database to open.
#[derive(Clone, PartialEq, Eq)]
pub enum Location {
    File(PathBuf),
    /// The URL as given (it may carry a password: never print it, print [`Location::shown`]).
    Team(String),
}

impl std::fmt::Debug for Location {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.shown())
    }
}

impl Location {
    /// `--db`'s value, else `PROMODESK_DB`, else the team database chosen in Settings (kept in
    /// [`remembered_file`]), else the platform's data folder.
    pub fn resolve(explicit: Option<&Path>) -> Result<Location, DbError> {
        let text = explicit
            .map(|p| p.as_os_str().to_owned())
            .or_else(|| std::env::var_os(super::DB_ENV).filter(|p| !p.is_empty()));
        if let Some(url) = text
            .as_ref()
            .and_then(|t| t.to_str())
            .filter(|t| pg::is_url(t))
        {
            return Ok(Location::Team(url.to_string()));
        }
        if text.is_none() {
            if let Some(url) = remembered_file().and_then(|f| remembered(&f)) {
                return Ok(Location::Team(url));
            }
        }
        resolve_path(explicit).map(Location::File)
    }

    /// The embedded database this computer uses when no team database is chosen.
    pub fn local_default() -> Result<Location, DbError> {
        resolve_path(None).map(Location::File)
    }

    /// What to show for it: the file's path, or the URL without its password.
    pub fn shown(&self) -> String {
        match self {
            Location::File(p) => p.display().to_string(),
            Location::Team(url) => Redacted::new(url).to_string(),
        }
    }

    /// The file, for the embedded store.
    pub fn file(&self) -> Option<&Path> {
        match self {
            Location::File(p) => Some(p),
            Location::Team(_) => None,
        }
    }
}

impl Db {
    /// Opens (and migrates) the database at `location`.
    pub fn open_at(location: &Location) -> Result<Db, DbError> {
        match location {
            Location::File(path) => Db::open(path),
            Location::Team(url) => Db::open_team(&with_saved_password(url)),
        }
    }

    /// A connection for reading beside the writer: on a team database simply another
    /// connection (the server runs reads beside writes).
    pub fn open_reader_at(location: &Location) -> Result<Db, DbError> {
        match location {
            Location::File(path) => Db::open_reader(path),
            Location::Team(url) => Db::open_team(&with_saved_password(url)),
        }
    }
}

/// Where the choice of a team database is kept on this computer: the user's config folder
/// (`~/.config/promodesk/database.json` on Linux), never inside a database.
pub fn remembered_file() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "promodesk")
        .map(|d| d.config_dir().join("database.json"))
}

#[derive(serde::Serialize, serde::Deserialize)]
struct Remembered {
    /// Without its password.
    team_url: String,
}

fn remembered(file: &Path) -> Option<String> {
    let text = std::fs::read_to_string(file).ok()?;
    let r: Remembered = serde_json::from_str(&text).ok()?;
    pg::is_url(&r.team_url).then_some(r.team_url)
}

/// Keeps `team_url` (its password removed) as the database to open from now on, or forgets
/// the choice (`None`: the local file again).
pub fn remember(file: &Path, team_url: Option<&str>) -> std::io::Result<()> {
    match team_url {
        Some(url) => {
            if let Some(dir) = file.parent() {
                std::fs::create_dir_all(dir)?;
            }
            let text = serde_json::to_string_pretty(&Remembered {
                team_url: Redacted::new(url).to_string(),
            })?;
            std::fs::write(file, text)
        }
        None => match std::fs::remove_file(file) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e),
            _ => Ok(()),
        },
    }
}

/// The URL with the keyring's password for it, when the URL has none and the keyring has one.
fn with_saved_password(url: &str) -> String {
    let Ok(config) = pg::config(url) else {
        return url.to_string();
    };
    if config.get_password().is_some() {
        return url.to_string();
    }
    match saved_password(url) {
        Some(password) => with_password(url, &password),
        None => url.to_string(),
    }
}

/// `url` with `password` as its `password` query parameter (percent-encoded), which the driver
/// reads like the one in the authority.
pub fn with_password(url: &str, password: &str) -> String {
    let encoded: String = password
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect();
    let sep = if url.contains('?') { '&' } else { '?' };
    format!("{url}{sep}password={encoded}")
}

fn entry(url: &str) -> Option<keyring::Entry> {
    keyring::Entry::new(KEYRING_SERVICE, &Redacted::new(url).to_string()).ok()
}

/// The password saved for the team database at `url`, if the keyring has one and can be
/// reached (a desktop without a keyring service simply has none).
pub fn saved_password(url: &str) -> Option<String> {
    entry(url)?.get_password().ok()
}

/// Saves the password for the team database at `url` in the keyring.
pub fn save_password(url: &str, password: &str) -> Result<(), String> {
    entry(url)
        .ok_or_else(|| "no keyring".to_string())?
        .set_password(password)
        .map_err(|e| e.to_string())
}

/// Forgets the saved password for `url` (no error when there was none).
pub fn forget_password(url: &str) {
    if let Some(e) = entry(url) {
        let _ = e.delete_credential();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_url_names_a_team_database_and_anything_else_a_file() {
        let team = Location::resolve(Some(Path::new("postgres://li:pw@db/pd"))).unwrap();
        assert_eq!(team, Location::Team("postgres://li:pw@db/pd".into()));
        assert_eq!(team.shown(), "postgres://li@db/pd");
        assert_eq!(format!("{team:?}"), "postgres://li@db/pd");
        let file = Location::resolve(Some(Path::new("/tmp/x.db"))).unwrap();
        assert_eq!(file.file(), Some(Path::new("/tmp/x.db")));
    }

    #[test]
    fn the_chosen_team_database_is_remembered_without_its_password_and_forgotten() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("config/database.json");
        assert_eq!(remembered(&file), None);
        remember(&file, Some("postgres://li:secret@db/pd?sslmode=require")).unwrap();
        assert_eq!(
            remembered(&file).as_deref(),
            Some("postgres://li@db/pd?sslmode=require")
        );
        assert!(!std::fs::read_to_string(&file).unwrap().contains("secret"));
        remember(&file, None).unwrap();
        assert_eq!(remembered(&file), None);
        remember(&file, None).unwrap();
    }

    #[test]
    fn a_password_from_the_keyring_travels_encoded_and_the_driver_reads_it_back() {
        let url = with_password("postgres://li@db/pd?sslmode=require", "p@ss&w=rd/é");
        let config = pg::config(&url).unwrap();
        assert_eq!(config.get_password(), Some("p@ss&w=rd/é".as_bytes()));
        assert_eq!(
            Redacted::new(&url).to_string(),
            "postgres://li@db/pd?sslmode=require"
        );
    }
}

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

#[derive(Default, serde::Serialize, serde::Deserialize)]
struct Remembered {
    /// Without its password; absent once the person went back to the local file (the plazas
    /// chosen stay, for when they connect again).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    team_url: Option<String>,
    /// The plaza last chosen on each team database (its URL without password → the plaza's
    /// name): the app opens in it next time. Names, never passwords.
    #[serde(default, skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    plazas: std::collections::BTreeMap<String, String>,
}

fn read_remembered(file: &Path) -> Remembered {
    std::fs::read_to_string(file)
        .ok()
        .and_then(|text| serde_json::from_str(&text).ok())
        .unwrap_or_default()
}

fn write_remembered(file: &Path, r: &Remembered) -> std::io::Result<()> {
    if r.team_url.is_none() && r.plazas.is_empty() {
        return match std::fs::remove_file(file) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e),
            _ => Ok(()),
        };
    }
    if let Some(dir) = file.parent() {
        std::fs::create_dir_all(dir)?;
    }
    std::fs::write(file, serde_json::to_string_pretty(r)?)
}

fn remembered(file: &Path) -> Option<String> {
    read_remembered(file).team_url.filter(|url| pg::is_url(url))
}

/// Keeps `team_url` (its password removed) as the database to open from now on, or forgets
/// the choice (`None`: the local file again).
pub fn remember(file: &Path, team_url: Option<&str>) -> std::io::Result<()> {
    let mut r = read_remembered(file);
    r.team_url = team_url.map(|url| Redacted::new(url).to_string());
    write_remembered(file, &r)
}

/// The plaza last chosen on the team database at `team_url`, by name.
pub fn remembered_plaza(file: &Path, team_url: &str) -> Option<String> {
    read_remembered(file)
        .plazas
        .remove(&Redacted::new(team_url).to_string())
}

/// Keeps `plaza` as the plaza to open the team database at `team_url` in from now on.
pub fn remember_plaza(file: &Path, team_url: &str, plaza: &str) -> std::io::Result<()> {
    let mut r = read_remembered(file);
    r.plazas
        .insert(Redacted::new(team_url).to_string(), plaza.to_string());
    write_remembered(file, &r)
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
    fn each_team_database_remembers_its_plaza_by_name_beside_the_url_without_a_password() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("config/database.json");
        assert_eq!(remembered_plaza(&file, "postgres://li@db/pd"), None);
        remember(&file, Some("postgres://li:secret@db/pd")).unwrap();
        remember_plaza(&file, "postgres://li:secret@db/pd", "朝阳广场").unwrap();
        remember_plaza(&file, "postgres://wang@db/pd", "海淀广场").unwrap();
        // Keyed by the URL as shown: with or without the password, the same database.
        assert_eq!(
            remembered_plaza(&file, "postgres://li@db/pd").as_deref(),
            Some("朝阳广场")
        );
        assert_eq!(
            remembered_plaza(&file, "postgres://wang:pw@db/pd").as_deref(),
            Some("海淀广场")
        );
        let text = std::fs::read_to_string(&file).unwrap();
        assert!(!text.contains("secret") && !text.contains("pw@"), "{text}");
        assert_eq!(remembered(&file).as_deref(), Some("postgres://li@db/pd"));
        // Back to the local file: the team database is forgotten, its plaza kept for next time.
        remember(&file, None).unwrap();
        assert_eq!(remembered(&file), None);
        assert_eq!(
            remembered_plaza(&file, "postgres://li@db/pd").as_deref(),
            Some("朝阳广场")
        );
        // A file written before plazas were remembered still reads.
        std::fs::write(&file, r#"{"team_url": "postgres://li@db/pd"}"#).unwrap();
        assert_eq!(remembered(&file).as_deref(), Some("postgres://li@db/pd"));
        assert_eq!(remembered_plaza(&file, "postgres://li@db/pd"), None);
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
